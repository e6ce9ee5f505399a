import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from './addon-types.js';

const require = createRequire(import.meta.url);

/** Package root: this file is dist/src/native/load.js (or src/native/load.ts under a loader). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'binding.gyp'))) return dir;
    dir = dirname(dir);
  }
  return dirname(dirname(dirname(fileURLToPath(import.meta.url))));
}

/** Paths tried, in order: an explicit override, node-gyp's Release and Debug, cmake-js's build. */
export function addonCandidates(root = packageRoot()): string[] {
  const list: string[] = [];
  const override = process.env.MIRROR_INSPECT_ADDON;
  if (override) list.push(override);
  list.push(
    join(root, 'build', 'Release', 'mirror_inspect.node'),
    join(root, 'build', 'Debug', 'mirror_inspect.node'),
    join(root, 'build-cmake', 'Release', 'mirror_inspect.node'),
    join(root, 'build-cmake', 'mirror_inspect.node'),
  );
  return list;
}

let cached: NativeAddon | undefined;

/** Loads the native addon once per thread; the error lists every path tried and why each failed. */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const errors: string[] = [];
  for (const path of addonCandidates()) {
    if (!existsSync(path)) {
      errors.push(`${path}: not found`);
      continue;
    }
    try {
      cached = require(path) as NativeAddon;
      return cached;
    } catch (e) {
      errors.push(`${path}: ${(e as Error).message}`);
    }
  }
  throw new Error(
    `mirror-inspect: cannot load the native addon (run \`npm install\` or \`npx node-gyp rebuild\`). Tried:\n  ${errors.join('\n  ')}`,
  );
}

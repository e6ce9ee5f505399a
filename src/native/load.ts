import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from './addon-types.js';

const require = createRequire(import.meta.url);

/** The part of node-gyp-build this loader uses: its choice of binary and its prebuild tag rules. */
interface PrebuildTags {
  file: string;
  runtime?: string;
  napi?: boolean;
  abi?: string;
  uv?: string;
  armv?: string;
  libc?: string;
}
interface PrebuildTuple {
  name: string;
  platform: string;
  architectures: string[];
}
interface NodeGypBuild {
  resolve(dir: string): string;
  parseTuple(name: string): PrebuildTuple | undefined;
  matchTuple(platform: string, arch: string): (t: PrebuildTuple | undefined) => boolean;
  parseTags(file: string): PrebuildTags | undefined;
  matchTags(runtime: string, abi: string): (t: PrebuildTags | undefined) => boolean;
}
const nodeGypBuild = require('node-gyp-build') as NodeGypBuild;

/** Package root: this file is dist/src/native/load.js (or src/native/load.ts under a loader). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'binding.gyp'))) return dir;
    dir = dirname(dir);
  }
  return dirname(dirname(dirname(fileURLToPath(import.meta.url))));
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** What node-gyp-build matches prebuilds against (its own rules, from process facts). */
function host(): { platform: string; arch: string; runtime: string; abi: string; libc: string; uv: string; armv: string } {
  const arch = process.env.npm_config_arch || process.arch;
  const variables = (process.config as { variables?: { arm_version?: string } }).variables ?? {};
  return {
    platform: process.env.npm_config_platform || process.platform,
    arch,
    runtime: 'node',
    abi: process.versions.modules,
    libc: process.env.LIBC || (process.platform === 'linux' && existsSync('/etc/alpine-release') ? 'musl' : 'glibc'),
    uv: (process.versions.uv ?? '').split('.')[0] ?? '',
    armv: process.env.ARM_VERSION || (arch === 'arm64' ? '8' : (variables.arm_version ?? '')),
  };
}

/** Why a prebuild file's tags do not fit this process (node-gyp-build's matchTags, spelled out). */
function tagMismatch(tags: PrebuildTags | undefined, h: ReturnType<typeof host>): string {
  if (!tags) return 'not a .node file';
  const why: string[] = [];
  if (tags.runtime && tags.runtime !== h.runtime && !(tags.runtime === 'node' && tags.napi)) why.push(`runtime ${tags.runtime} ≠ ${h.runtime}`);
  if (tags.abi && tags.abi !== h.abi && !tags.napi) why.push(`abi ${tags.abi} ≠ ${h.abi}`);
  if (tags.uv && tags.uv !== h.uv) why.push(`uv ${tags.uv} ≠ ${h.uv}`);
  if (tags.armv && tags.armv !== h.armv) why.push(`armv ${tags.armv} ≠ ${h.armv}`);
  if (tags.libc && tags.libc !== h.libc) why.push(`libc ${tags.libc} ≠ ${h.libc}`);
  return why.length ? why.join(', ') : 'tags match';
}

/** One place the loader looks: a binary to try, or (with `skip`) why there is none to try there. */
export interface AddonCandidate {
  path: string;
  skip?: string;
}

/**
 * Where the loader looks, in order: MIRROR_INSPECT_ADDON alone when set; else node-gyp-build's choice (build/Release,
 * build/Debug, else the prebuild for this platform/arch/libc), then every other node-gyp build and
 * matching prebuild, then cmake-js's build-cmake/. Places with nothing to try say why.
 */
export function addonCandidates(root = packageRoot()): AddonCandidate[] {
  const out: AddonCandidate[] = [];
  const add = (path: string, skip?: string) => {
    if (!out.some((c) => c.path === path)) out.push(skip === undefined ? { path } : { path, skip });
  };
  // An explicit choice is the only one: no silent fall-back to another binary.
  const override = process.env.MIRROR_INSPECT_ADDON;
  if (override) return [{ path: override }];
  try {
    add(nodeGypBuild.resolve(root));
  } catch (e) {
    add('node-gyp-build', (e as Error).message.trim().replace(/\s*\n\s*/g, '; '));
  }
  for (const sub of ['Release', 'Debug']) {
    const dir = join(root, 'build', sub);
    const nodes = list(dir).filter((f) => f.endsWith('.node'));
    if (nodes.length === 0) add(dir, 'no .node file (not compiled from source here)');
    nodes.forEach((f) => add(join(dir, f)));
  }
  const h = host();
  const prebuilds = join(root, 'prebuilds');
  const tuples = list(prebuilds);
  if (tuples.length === 0) add(prebuilds, 'no prebuilds');
  for (const name of tuples) {
    const dir = join(prebuilds, name);
    if (!nodeGypBuild.matchTuple(h.platform, h.arch)(nodeGypBuild.parseTuple(name))) {
      add(dir, `for another platform/arch (this is ${h.platform}-${h.arch})`);
      continue;
    }
    for (const file of list(dir)) {
      const tags = nodeGypBuild.parseTags(file);
      if (nodeGypBuild.matchTags(h.runtime, h.abi)(tags)) add(join(dir, file));
      else add(join(dir, file), tagMismatch(tags, h));
    }
  }
  add(join(root, 'build-cmake', 'Release', 'mirror_inspect.node'));
  add(join(root, 'build-cmake', 'mirror_inspect.node'));
  return out;
}

let cached: NativeAddon | undefined;
let loadedFrom: string | undefined;

/** Loads the native addon once per thread; the error lists every path tried and why each failed. */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const tried: string[] = [];
  for (const { path, skip } of addonCandidates()) {
    if (skip !== undefined) {
      tried.push(`${path}: ${skip}`);
      continue;
    }
    if (!existsSync(path)) {
      tried.push(`${path}: not found`);
      continue;
    }
    try {
      cached = require(path) as NativeAddon;
      loadedFrom = path;
      return cached;
    } catch (e) {
      tried.push(`${path}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(
    'mirror-inspect: cannot load the native addon. With a C++ toolchain, compile it: ' +
      '`npm rebuild mirror-inspect --build-from-source` (README: Installing as a dependency). Tried:\n  ' +
      tried.join('\n  '),
  );
}

/** Which native binary this thread loaded, and the start-code scanner it chose for this CPU. */
export interface AddonInfo {
  /** Absolute path of the loaded `.node` file (a prebuild, or a build compiled at install). */
  path: string;
  /** Start-code scanner picked at run time: `avx2`, `sse2` (x64) or `swar` (portable). */
  scanner: string;
}

/** Loads the addon if needed and tells which binary it is (see {@link AddonInfo}). */
export function addonInfo(): AddonInfo {
  const addon = loadAddon();
  return { path: loadedFrom ?? '', scanner: addon.startCodeImpl() };
}

// The addon loader (src/native/load.ts): which binary it takes, and what it says when none loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addonInfo } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';
import { cleanEnv, run } from '../helpers/project.js';

const INDEX = join(ROOT, 'dist', 'src', 'index.js');
const loadIn = (env: Record<string, string>) =>
  run(process.execPath, ['--input-type=module', '-e', `import { addonInfo } from ${JSON.stringify(INDEX)}; console.log(JSON.stringify(addonInfo()));`], ROOT, cleanEnv(env));

test('in a clone, the build compiled at install is the one loaded, with a scanner chosen for this CPU', () => {
  const info = addonInfo();
  assert.equal(info.path, join(ROOT, 'build', 'Release', 'mirror_inspect.node'));
  assert.match(info.scanner, process.arch === 'x64' ? /^(avx2|sse2)$/ : /^swar$/);
});

test('MIRROR_INSPECT_ADDON is the only binary tried: a wrong one is an error naming it and why, never a silent fall-back', () => {
  const missing = run(process.execPath, ['--input-type=module', '-e', `import { validateFile } from ${JSON.stringify(INDEX)}; await validateFile('x');`], ROOT, cleanEnv({ MIRROR_INSPECT_ADDON: '/nonexistent/addon.node' }));
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /cannot load the native addon[^\n]*Tried:\n {2}\/nonexistent\/addon\.node: not found\n {4}at /);

  const dir = mkdtempSync(join(tmpdir(), 'mi-loader-'));
  const notElf = join(dir, 'fake.node');
  writeFileSync(notElf, 'not a shared object');
  const bad = loadIn({ MIRROR_INSPECT_ADDON: notElf });
  assert.notEqual(bad.status, 0);
  assert.ok(bad.stderr.includes(`${notElf}: `), bad.stderr);
  assert.match(bad.stderr, /invalid ELF header|file too short/);

  const good = JSON.parse(loadIn({ MIRROR_INSPECT_ADDON: join(ROOT, 'build', 'Release', 'mirror_inspect.node') }).stdout);
  assert.equal(good.path, join(ROOT, 'build', 'Release', 'mirror_inspect.node'));
});

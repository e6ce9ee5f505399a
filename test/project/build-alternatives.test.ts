// The other ways to build the addon stay working: cmake-js (`npm run build:cmake`, offline), and
// every x64 build keeps its SIMD choice at run time (scripts/check-simd.mjs, also run on each
// prebuild at pack time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';
import { cleanEnv, NPM_CLI, offline, ok, run } from '../helpers/project.js';

const CHECK_SIMD = join(ROOT, 'scripts', 'check-simd.mjs');
const x64 = process.arch === 'x64';

test('npm run build:cmake builds the addon with cmake-js, offline, and the API runs on it', { timeout: 10 * 60_000 }, async () => {
  const build = offline(process.execPath, [NPM_CLI, 'run', 'build:cmake']);
  ok(run(build.cmd, build.args, ROOT, cleanEnv({ CMAKE_BUILD_PARALLEL_LEVEL: '2' })), `npm run build:cmake${build.isolated ? ' (no network)' : ''}`);
  const addon = join(ROOT, 'build-cmake', 'Release', 'mirror_inspect.node');
  assert.ok(existsSync(addon), addon);
  const sample = join(ROOT, 'samples', 'sample.hevc');
  const script = `import { validateFile, addonInfo } from ${JSON.stringify(join(ROOT, 'dist', 'src', 'index.js'))};
console.log(JSON.stringify({ addon: addonInfo(), report: await validateFile(${JSON.stringify(sample)}) }));`;
  const out = JSON.parse(ok(run(process.execPath, ['--input-type=module', '-e', script], ROOT, cleanEnv({ MIRROR_INSPECT_ADDON: addon })), 'node'));
  assert.equal(out.addon.path, addon);
  assert.deepEqual(out.report, await validateFile(sample));
  if (x64) ok(run(process.execPath, [CHECK_SIMD, addon], ROOT, cleanEnv()), 'check-simd (cmake-js build)');
});

test('the node-gyp build has no global -m flag and AVX2 only in run-time-dispatched functions', { skip: !x64 && 'x64 only' }, () => {
  const out = ok(
    run(process.execPath, [CHECK_SIMD, join(ROOT, 'build', 'Release', 'mirror_inspect.node'), join(ROOT, 'build', 'mirror_inspect.target.mk')], ROOT, cleanEnv()),
    'check-simd (node-gyp build)',
  );
  assert.match(out, /AVX2 only in: .*zero_pair_avx2/);
});

test('check-simd rejects code built with -mavx2 for the whole file, and a global flag in the makefile', { skip: !x64 && 'x64 only' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-simd-'));
  const src = join(dir, 'loop.cc');
  // A loop GCC vectorises at -O3: with -mavx2 it uses ymm registers in a function not named for AVX2.
  writeFileSync(src, 'extern "C" void add_bytes(unsigned char* a, const unsigned char* b, unsigned long n) { for (unsigned long i = 0; i < n; i++) a[i] += b[i]; }\n');
  const mk = join(dir, 'x.target.mk');
  writeFileSync(mk, 'CFLAGS_Release := \\\n\t-fPIC \\\n\t-mavx2 \\\n\t-O3\n');
  const so = join(dir, 'global.so');
  ok(run('g++', ['-O3', '-shared', '-fPIC', '-mavx2', '-o', so, src], dir, cleanEnv()), 'g++');
  const r = run(process.execPath, [CHECK_SIMD, so, mk], dir, cleanEnv());
  assert.equal(r.status, 1);
  assert.match(r.stderr, /add_bytes uses AVX\/BMI instructions outside a run-time-dispatched/);
  assert.match(r.stderr, /x\.target\.mk:3: global instruction-set flag: -mavx2/);
  assert.match(r.stderr, /no AVX2 function found/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../helpers/fixtures.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

test('native/sources.txt lists every core .cc file (node-gyp and CMake build the same core)', () => {
  const native = join(ROOT, 'native');
  const onDisk = walk(native)
    .filter((f) => f.endsWith('.cc') && !relative(native, f).startsWith('binding'))
    .map((f) => relative(native, f))
    .sort();
  const listed = readFileSync(join(native, 'sources.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .sort();
  assert.deepEqual(listed, onDisk);
  // binding.gyp takes its list from the same script.
  const gyp = execFileSync('node', [join(ROOT, 'scripts', 'sources.mjs'), '--binding'], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(gyp.filter((f) => !f.startsWith('native/binding/')).map((f) => f.slice('native/'.length)).sort(), listed);
  assert.ok(gyp.includes('native/binding/addon.cc'));
});

test('no Node headers outside native/binding/', () => {
  const native = join(ROOT, 'native');
  const offenders = walk(native)
    .filter((f) => /\.(cc|h)$/.test(f) && !relative(native, f).startsWith('binding'))
    .filter((f) => /#include\s*[<"](napi|node_api|node)\.h[>"]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/fixtures.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => {
    out += s;
  });
  return { code, out };
}

test('validate --json on the bundled sample: the JSON contract', async () => {
  const { code, out } = await run(['validate', '--json', join(ROOT, 'samples', 'sample.h264')]);
  const r = JSON.parse(out);
  assert.equal(code, 0);
  assert.equal(r.container, 'annexb');
  assert.deepEqual(r.video, {
    codec: 'h264', profile: 'High', level: '1.3', width: 320, height: 240,
    chroma_format: '4:2:0', bit_depth: 8, interlaced: false, frame_rate: 25,
  });
  assert.equal(r.frames, 50);
  assert.equal(r.keyframes, 2);
  // Oracle: 0x000001 occurrences (a clean stream has one per NAL unit, 7.4.1 forbids others).
  const { readFileSync } = await import('node:fs');
  const buf = readFileSync(join(ROOT, 'samples', 'sample.h264'));
  let starts = 0;
  for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) starts++;
  assert.equal(r.nal_units, starts);
  assert.deepEqual(r.issues, []);
  assert.equal(r.verdict, 'clean');
});

test('validate: several files give an array; the worst verdict sets the exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-cli-'));
  const empty = join(dir, 'empty.h264');
  writeFileSync(empty, new Uint8Array(0));
  const { code, out } = await run(['validate', '--json', join(ROOT, 'samples', 'sample.hevc'), empty]);
  const r = JSON.parse(out);
  assert.equal(r.length, 2);
  assert.equal(r[0].video.codec, 'hevc');
  assert.equal(r[0].verdict, 'clean');
  assert.equal(r[1].verdict, 'unreadable');
  assert.deepEqual(r[1].issues.map((i: { name: string }) => i.name), ['EMPTY_INPUT']);
  assert.equal(code, 3);
});

test('validate: a missing file gets a report saying why, exit 3', async () => {
  const { code, out } = await run(['validate', '--json', '/nonexistent/x.h264']);
  const r = JSON.parse(out);
  assert.equal(code, 3);
  assert.equal(r.issues[0].name, 'UNREADABLE_INPUT');
  assert.match(r.issues[0].message, /ENOENT/);
});

test('validate: damaged stream → exit 2 and the human report names clause, offset, frame', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-cli-'));
  const bad = join(dir, 'bad.h264');
  const { readFileSync } = await import('node:fs');
  const buf = new Uint8Array(readFileSync(join(ROOT, 'samples', 'sample.h264')));
  // Set forbidden_zero_bit on the first NAL unit after byte 20000 (H.264 7.4.1).
  let at = -1;
  for (let i = 20000; i + 3 < buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      at = i + 3;
      break;
    }
  }
  buf[at] |= 0x80;
  writeFileSync(bad, buf);
  const { code, out } = await run(['validate', bad]);
  assert.equal(code, 2);
  assert.match(out, new RegExp(`CRITICAL +FORBIDDEN_ZERO_BIT  frame \\d+, offset ${at} `));
  assert.match(out, /\[H\.264 7\.4\.1; H\.265 7\.4\.2\.2\]/);
  assert.match(out, /verdict: DAMAGED/);
});

test('usage errors exit 3', async () => {
  assert.equal((await run(['validate'])).code, 3);
  assert.equal((await run(['frobnicate'])).code, 3);
  assert.equal((await run(['validate', '--codec', 'vp9', 'x'])).code, 3);
});

test('validate --html writes a self-contained report with the damage span and the escaped file name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-cli-'));
  const { readFileSync } = await import('node:fs');
  // Drop the access unit of frame 10 (a reference P frame) from the sample: a frame_num gap.
  const buf = new Uint8Array(readFileSync(join(ROOT, 'samples', 'sample.h264')));
  const auds: number[] = [];
  for (let i = 0; i + 4 < buf.length; i++) if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 0 && buf[i + 3] === 1 && buf[i + 4] === 9) auds.push(i);
  const bad = join(dir, 'gap<1>.h264');
  writeFileSync(bad, Buffer.concat([buf.subarray(0, auds[10]), buf.subarray(auds[11])]));
  const out = join(dir, 'report.html');
  const { code } = await run(['validate', '--html', out, bad]);
  assert.equal(code, 2);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes('gap&lt;1&gt;.h264'), 'file name escaped');
  assert.ok(!html.includes('<script'), 'no scripts');
  assert.match(html, /<code>FRAME_NUM_GAP<\/code> at frame 10, until the keyframe at frame 24/);
  assert.match(html, /class="verdict damaged"/);
});

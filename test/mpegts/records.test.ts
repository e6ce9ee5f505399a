import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTsAddon } from '../../src/native/mpegts-types.js';
import { ES_CODECS, pidLabel, PES_STRIDE, TR101290_INDICATORS, TS_ISSUE_STRIDE } from '../../src/inspect/mpegts/records.js';

test('MPEG-TS record layouts, indicator and codec names agree with the addon', () => {
  const l = loadTsAddon().TsInspector.layout();
  assert.equal(l.issueStride, TS_ISSUE_STRIDE);
  assert.equal(l.pesStride, PES_STRIDE);
  assert.deepEqual(l.indicators, [...TR101290_INDICATORS]);
  assert.deepEqual(l.codecs, [...ES_CODECS]);
});

test('PID labels are four hex digits', () => {
  assert.equal(pidLabel(0), 'PID 0x0000');
  assert.equal(pidLabel(0x100), 'PID 0x0100');
  assert.equal(pidLabel(0x1fff), 'PID 0x1fff');
});

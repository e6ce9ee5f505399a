import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferManager } from '../../../src/sync/buffer-manager.js';
import { classifyDrift } from '../../../src/sync/drift-thresholds.js';

test('audio lead delays audio, lag delays video; only the net offset is kept', () => {
  const b = new BufferManager();
  assert.deepEqual(b.applyCorrection(120), { audioDelayMs: 120, videoDelayMs: 0 });
  assert.deepEqual(b.applyCorrection(-200), { audioDelayMs: 0, videoDelayMs: 80 });
  assert.deepEqual(b.adjustFrames(3, 40), { audioDelayMs: 40, videoDelayMs: 0 });
});

test('delays are clamped to maxDelayMs and reset to zero', () => {
  const b = new BufferManager({ maxDelayMs: 500 });
  assert.deepEqual(b.applyCorrection(800), { audioDelayMs: 500, videoDelayMs: 0 });
  b.reset();
  assert.deepEqual(b.delays(), { audioDelayMs: 0, videoDelayMs: 0 });
});

test('classifyDrift uses the documented thresholds', () => {
  assert.equal(classifyDrift(40), 'none');
  assert.equal(classifyDrift(41), 'gradual');
  assert.equal(classifyDrift(-60), 'none');
  assert.equal(classifyDrift(-61), 'gradual');
  assert.equal(classifyDrift(100), 'buffer');
  assert.equal(classifyDrift(-999), 'buffer');
  assert.equal(classifyDrift(1000), 'resync');
  assert.equal(classifyDrift(2000), 'resync');
  assert.equal(classifyDrift(2001), 'discontinuity');
});

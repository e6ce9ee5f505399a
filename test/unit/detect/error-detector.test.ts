import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorDetector } from '../../../src/detect/error-detector.js';
import { isStreamError, StreamError } from '../../../src/detect/stream-error.js';
import type { IssueInfo } from '../../../src/inspect/types.js';
import { ManualClock } from '../../../src/recover/clock.js';

function issue(over: Partial<IssueInfo>): IssueInfo {
  return {
    code: 9,
    name: 'FORBIDDEN_ZERO_BIT',
    severity: 'critical',
    type: 'frame_corruption',
    kind: 'broken',
    clause: 'H.264 7.4.1',
    offset: 1234,
    nal: 17,
    frame: 5,
    expected: 0,
    found: 1,
    message: 'forbidden_zero_bit is 1',
    ...over,
  };
}

function setup() {
  const clock = new ManualClock(10_000);
  const det = new ErrorDetector({ streamId: 'cam1', clock, noDataTimeoutMs: 1000, memoryBudgetBytes: 1000 });
  const seen: StreamError[] = [];
  det.onError((e) => seen.push(e));
  return { clock, det, seen };
}

test('native issue → StreamError with every seed field and the issue facts in context', () => {
  const { det, seen } = setup();
  const err = det.fromIssue(issue({}))!;
  assert.ok(isStreamError(err));
  assert.deepEqual(err.toJSON(), {
    type: 'frame_corruption',
    severity: 'critical',
    message: 'FORBIDDEN_ZERO_BIT: forbidden_zero_bit is 1',
    context: {
      issueCode: 9,
      issueName: 'FORBIDDEN_ZERO_BIT',
      clause: 'H.264 7.4.1',
      frameIndex: 5,
      nalIndex: 17,
      byteOffset: 1234,
    },
    timestamp: 10_000,
    streamId: 'cam1',
    component: 'inspector',
    recoverable: true,
  });
  assert.deepEqual(seen, [err]);
});

test('info issues are skipped by default; codec failures get a reason from the catalogue name', () => {
  const { det } = setup();
  assert.equal(det.fromIssue(issue({ severity: 'info' })), null);
  const changed = det.fromIssue(issue({ name: 'PARAM_SET_CHANGED', type: 'codec_failure', severity: 'medium' }))!;
  assert.equal(changed.context.codecReason, 'parameter-change');
  const unknown = det.fromIssue(issue({ name: 'UNKNOWN_CODEC', type: 'codec_failure' }))!;
  assert.equal(unknown.context.codecReason, 'unsupported');
  const other = det.fromIssue(issue({ name: 'PARAM_SET_TRUNCATED', type: 'codec_failure' }))!;
  assert.equal(other.context.codecReason, 'unknown');
  const withKinds = new ErrorDetector({ streamId: 's', issueKind: (code) => (code === 77 ? 'unsupported' : 'broken') });
  assert.equal(withKinds.fromIssue(issue({ code: 77, name: 'SOME_PROFILE', type: 'codec_failure' }))!.context.codecReason, 'unsupported');
  assert.equal(withKinds.fromIssue(issue({ code: 78, name: 'OTHER', type: 'codec_failure' }))!.context.codecReason, 'unknown');
});

test('no data: one medium timeout at 1×, one high at 3×, re-armed by data', () => {
  const { det, clock } = setup();
  clock.advance(999);
  assert.equal(det.checkTimeout(), null);
  clock.advance(1);
  const first = det.checkTimeout()!;
  assert.deepEqual([first.type, first.severity, first.context.idleMs], ['timeout', 'medium', 1000]);
  assert.equal(det.checkTimeout(), null, 'raised once per idle period');
  clock.advance(2000);
  assert.equal(det.checkTimeout()!.severity, 'high');
  clock.advance(5000);
  assert.equal(det.checkTimeout(), null);
  det.dataReceived();
  clock.advance(1000);
  assert.equal(det.checkTimeout()!.severity, 'medium');
});

test('drift: the corrector decision becomes a sync_loss error with matching severity', () => {
  const { det, clock } = setup();
  const errors: StreamError[] = [];
  for (let i = 0; i < 10; i++) {
    const e = det.observeDrift(150);
    if (e) errors.push(e);
    clock.advance(40);
  }
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.type, 'sync_loss');
  assert.equal(errors[0]!.severity, 'medium');
  assert.deepEqual(errors[0]!.context.drift, { kind: 'buffer-adjust', driftMs: 150, frames: 4, adjustMs: 160 });
});

test('GOP buffer over limits → buffer_overflow; memory over budget → resource_exhaustion', () => {
  const { det } = setup();
  const usage = { bytes: 10, frames: 2, maxBytes: 8, maxFrames: 100 };
  assert.equal(det.checkGopBuffer({ stored: true, evictedGops: 0, overLimit: false, abandoned: false }, usage), null);
  const over = det.checkGopBuffer({ stored: true, evictedGops: 0, overLimit: true, abandoned: false }, usage)!;
  assert.deepEqual([over.type, over.severity, over.context.usedBytes, over.context.limitBytes], [
    'buffer_overflow',
    'medium',
    10,
    8,
  ]);
  assert.equal(det.checkGopBuffer({ stored: false, evictedGops: 0, overLimit: true, abandoned: true }, usage)!.severity, 'high');
  assert.equal(det.checkMemory(1000), null);
  assert.equal(det.checkMemory(1001)!.severity, 'high');
  assert.equal(det.checkMemory(1200), null, 'once per excursion');
  assert.equal(det.checkMemory(1501)!.severity, 'critical', 'escalation is raised');
  assert.equal(det.checkMemory(1600), null);
  assert.equal(det.checkMemory(900), null);
  assert.equal(det.checkMemory(1100)!.severity, 'high', 're-armed below the budget');
});

test('host errors go through the same API; auth failures are not recoverable', () => {
  const { det, seen } = setup();
  const net = det.report('network_disconnect', 'high', 'socket closed');
  const auth = det.report('auth_failure', 'critical', '401');
  assert.deepEqual([net.component, net.recoverable, auth.recoverable], ['host', true, false]);
  assert.equal(seen.length, 2);
});

test('isStreamError rejects look-alikes', () => {
  assert.equal(isStreamError(new Error('x')), false);
  assert.equal(isStreamError({ isStreamError: 'yes' }), false);
  assert.equal(isStreamError(null), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultInjector } from '../../../src/fault/fault-injector.js';
import { dropTsPacketsAt, flipBitsAt, shiftPts, truncateNalAt, TS_PACKET_SIZE } from '../../../src/fault/byte-faults.js';
import { PTS_MODULUS } from '../../../src/sync/pts.js';

function tsPackets(n: number): Uint8Array {
  const out = new Uint8Array(n * TS_PACKET_SIZE);
  for (let i = 0; i < n; i++) {
    out[i * TS_PACKET_SIZE] = 0x47;
    out[i * TS_PACKET_SIZE + 3] = i; // marker
  }
  return out;
}

test('the same seed gives the same faults', () => {
  const run = (seed: number) => {
    const f = new FaultInjector({ seed, probability: 0.3 });
    const errs = Array.from({ length: 100 }, (_, i) => f.maybeError('s', i)).filter((e) => e !== null);
    const bits = f.flipBits(new Uint8Array(64), 5);
    return { types: errs.map((e) => `${e!.type}/${e!.severity}`), bits: [...bits], log: f.log };
  };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1).types, run(2).types);
});

test('error level: probability and types are honoured', () => {
  const f = new FaultInjector({ seed: 3, probability: 0.25, errorTypes: ['timeout', 'packet_loss'] });
  const errs = Array.from({ length: 4000 }, (_, i) => f.maybeError('cam', i)).filter((e) => e !== null);
  assert.ok(errs.length > 900 && errs.length < 1100, `${errs.length}`);
  assert.deepEqual([...new Set(errs.map((e) => e!.type))].sort(), ['packet_loss', 'timeout']);
  assert.ok(errs.every((e) => e!.component === 'fault-injector' && e!.streamId === 'cam' && e!.severity !== 'info'));
  assert.equal(f.counts().error, errs.length);
  assert.equal(new FaultInjector({ seed: 3 }).maybeError('s', 0), null, 'probability 0 by default');
});

test('flipBitsAt inverts exactly the listed bits of a copy', () => {
  const src = Uint8Array.of(0, 0xff, 0x10);
  const out = flipBitsAt(src, [{ offset: 0, bit: 7 }, { offset: 1, bit: 0 }, { offset: 2, bit: 4 }]);
  assert.deepEqual([...out], [0x80, 0xfe, 0x00]);
  assert.deepEqual([...src], [0, 0xff, 0x10]);
  assert.throws(() => flipBitsAt(src, [{ offset: 3, bit: 0 }]), RangeError);
});

test('flipBits stays inside the given range and logs every flip', () => {
  const f = new FaultInjector({ seed: 8 });
  const src = new Uint8Array(100);
  const out = f.flipBits(src, 10, 40, 60);
  const log = f.log[0]!;
  assert.equal(log.kind, 'flip-bits');
  if (log.kind === 'flip-bits') {
    assert.equal(log.flips.length, 10);
    assert.ok(log.flips.every((x) => x.offset >= 40 && x.offset < 60));
  }
  for (let i = 0; i < 100; i++) if (i < 40 || i >= 60) assert.equal(out[i], 0);
});

test('TS packet drops remove whole 188-byte packets', () => {
  const ts = tsPackets(10);
  const out = dropTsPacketsAt(ts, new Set([0, 4, 9]));
  assert.equal(out.length, 7 * TS_PACKET_SIZE);
  assert.deepEqual(
    Array.from({ length: 7 }, (_, i) => out[i * TS_PACKET_SIZE + 3]),
    [1, 2, 3, 5, 6, 7, 8],
  );
  const f = new FaultInjector({ seed: 2 });
  const dropped = f.dropTsPackets(tsPackets(1000), 0.1, 5);
  const log = f.log[0]!;
  assert.ok(log.kind === 'drop-ts-packets' && log.packets.every((p) => p >= 5));
  assert.equal(dropped.length, (1000 - (log.kind === 'drop-ts-packets' ? log.packets.length : 0)) * TS_PACKET_SIZE);
});

test('NAL truncation keeps the bytes around the NAL', () => {
  const buf = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  assert.deepEqual([...truncateNalAt(buf, 2, 4, 1)], [1, 2, 3, 7, 8]);
  const f = new FaultInjector({ seed: 1 });
  const out = f.truncateNal(buf, 2, 4);
  const log = f.log[0]!;
  assert.ok(log.kind === 'truncate-nal');
  assert.equal(out.length, buf.length - (log.kind === 'truncate-nal' ? log.removedBytes : 0));
  assert.ok(log.kind === 'truncate-nal' && log.removedBytes >= 1 && log.removedBytes <= 3);
});

test('cut connection, audio shift with 33-bit wrap, stall', () => {
  const f = new FaultInjector({ seed: 4 });
  const cut = f.cutConnection([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.3);
  assert.ok(cut.cutAt !== null);
  assert.equal(cut.delivered.length, cut.cutAt);
  assert.deepEqual(f.cutConnection([1, 2, 3], 0), { delivered: [1, 2, 3], cutAt: null });
  assert.deepEqual(shiftPts([PTS_MODULUS - 900, 0], 20), [900, 1800]);
  assert.deepEqual(shiftPts([900], -20), [PTS_MODULUS - 900]);
  assert.equal(f.stall(1, 3000), 3000);
  assert.equal(f.stall(0, 3000), 0);
  assert.deepEqual(f.counts(), { 'cut-connection': 1, stall: 1 });
});

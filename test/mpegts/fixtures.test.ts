/**
 * validate on the committed MPEG-TS fixtures (test/fixtures/make-ts-fixtures.sh) and on edits of
 * ts_h264_aac.ts made by test/fixtures/corrupt-ts.mjs on 188-byte boundaries (VALIDATION.md
 * appendix A rows t1-t4): exact indicators, packets, offsets and damaged frames.
 *
 * ts_h264_aac.ts: H.264 320x240 25 fps, IDRs at frames 0, 25, 50 (PTS 1.48, 2.48, 3.48 s), AAC
 * on PID 0x0101, PAT/PMT every ~100 ms; 912 packets. Frame 29 (a P picture, PTS 2.72 s) lies in
 * packets 355-365 (all video), frame 40 (P) in 475-484; packets 500-502 are audio, 600 and 700
 * video (of frames 50 and 57); packet 388 starts a PAT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFile, type ValidationReport } from '../../src/index.js';
import { corruptTs, scratch, TS_DIR, tsFixture } from './helpers.js';
import { join } from 'node:path';

const base = () => tsFixture('ts_h264_aac.ts');
const named = (r: ValidationReport, name: string) => r.issues.filter((i) => i.name === name);
const brief = (r: ValidationReport) => r.issues.map((i) => [i.name, i.offset, i.frame]);

test('clean H.264 + AAC: no finding, TR 101 290 counters at 0, per-PID table, A/V drift of the AAC priming', async () => {
  const r = await validateFile(join(TS_DIR, 'ts_h264_aac.ts'));
  assert.equal(r.container, 'mpegts');
  assert.equal(r.frames, 75);
  assert.equal(r.keyframes, 3);
  assert.deepEqual(r.issues, []);
  assert.equal(r.verdict, 'clean');
  const t = r.transport!;
  assert.equal(t.packet_size, 188);
  assert.equal(t.packets, 912);
  assert.equal(t.skipped_bytes, 0);
  assert.ok(Object.values(t.indicators).every((n) => n === 0));
  assert.equal(Object.keys(t.indicators).length, 12);
  assert.deepEqual(Object.keys(t.pids), ['0x0000', '0x0011', '0x0100', '0x0101', '0x1000']);
  assert.deepEqual(t.pids['0x0100'], { stream_type: '0x1b', packets: t.pids['0x0100'].packets, indicators: {}, kind: 'video', codec: 'h264' });
  assert.equal(t.pids['0x0101'].codec, 'aac');
  assert.equal(t.pids['0x0000'].kind, 'pat');
  // FFmpeg's AAC encoder starts 1024 samples (21.333 ms at 48 kHz) before the video: its priming,
  // which a TS does not signal, so the audio timestamps lead by that much.
  assert.equal(r.av_sync?.audio_codec, 'aac');
  assert.equal(r.av_sync?.max_drift_ms, 21.333);
  assert.equal(r.av_sync?.mean_drift_ms, 21.333);
  assert.equal(r.av_sync?.discontinuities, 0);
});

test('audio offset by ffmpeg -itsoffset 0.25: reported 250 ms later than in the clean file', async () => {
  const clean = await validateFile(join(TS_DIR, 'ts_h264_aac.ts'));
  const late = await validateFile(join(TS_DIR, 'ts_h264_aac_audio_late.ts'));
  // -250 ms of offset plus the +21.333 ms priming both files have.
  assert.equal(late.av_sync?.max_drift_ms, -228.667);
  assert.equal(late.av_sync!.max_drift_ms - clean.av_sync!.max_drift_ms, -250);
  assert.deepEqual(named(late, 'AV_SYNC_AUDIO_LAGGING').map((i) => i.message), ['audio lags video by 229 ms (more than 60 ms) from 1.709 s']);
  assert.equal(late.verdict, 'damaged');
});

test('t1: 3 video packets dropped inside frame 29 → one Continuity_count_error → frame 29 damaged until the IDR at 3.48 s', async () => {
  const c = await corruptTs();
  const r = await validateFile(scratch('t1.ts', c.dropPackets(base(), [358, 359, 360])));
  assert.equal(r.transport?.indicators.Continuity_count_error, 1);
  assert.deepEqual(r.transport?.pids['0x0100'].indicators, { Continuity_count_error: 1 });
  // The first packet after the gap is packet 358 of the edited file.
  assert.deepEqual(brief(r), [['VIDEO_DAMAGED_BY_PACKET_LOSS', 358 * 188, 29], ['CONTINUITY_COUNT_ERROR', 358 * 188, null]]);
  assert.equal(named(r, 'CONTINUITY_COUNT_ERROR')[0].message,
    'Continuity_count_error on PID 0x0100: continuity_counter 1, expected 14 (3 packets lost, modulo 16)');
  assert.equal(named(r, 'VIDEO_DAMAGED_BY_PACKET_LOSS')[0].message,
    '3 TS packet(s) lost on PID 0x0100 (packet 358) → frame 29 damaged → 21 frame(s) unplayable until the keyframe at 3.480 s');
  assert.deepEqual(r.transport?.damage, [{
    pid: 0x100, packet: 358, offset: 358 * 188, cause: 'VIDEO_DAMAGED_BY_PACKET_LOSS', packets_lost: 3, frame: 29,
    frame_time_s: 2.72, unplayable_frames: 21, recovered_at_frame: 50, recovered_at_s: 3.48,
  }]);
  assert.deepEqual(r.damage.spans.map((s) => [s.first_frame, s.last_frame, s.recovered_at_frame]), [[29, 49, 50]]);
  assert.equal(r.frames, 75);
});

test('t2: sync bytes 0x48 on packets 500-502 (sync lost) and 600, 700 (Sync_byte_error)', async () => {
  const c = await corruptTs();
  const r = await validateFile(scratch('t2.ts', c.setSyncByte(base(), [500, 501, 502, 600, 700])));
  const ind = r.transport!.indicators;
  assert.equal(ind.TS_sync_loss, 1);
  assert.equal(ind.Sync_byte_error, 3);
  assert.equal(ind.Continuity_count_error, 3);
  assert.equal(r.transport?.skipped_bytes, 3 * 188);
  assert.deepEqual(named(r, 'TS_SYNC_LOSS').map((i) => [i.offset, i.message]), [[500 * 188, 'TS_sync_loss: 564 bytes skipped before 5 consecutive sync bytes']]);
  assert.deepEqual(named(r, 'SYNC_BYTE_ERROR').map((i) => i.offset), [500 * 188, 600 * 188, 700 * 188]);
  // The 3 packets lost at 500 were audio: its continuity breaks (and the PES packet they held is
  // short); the packets dropped at 600 and 700 were video: frames 50 and 57 are damaged.
  assert.deepEqual(named(r, 'CONTINUITY_COUNT_ERROR').map((i) => [i.offset, i.message.slice(0, 41)]), [
    [503 * 188, 'Continuity_count_error on PID 0x0101: con'],
    [601 * 188, 'Continuity_count_error on PID 0x0100: con'],
    [701 * 188, 'Continuity_count_error on PID 0x0100: con'],
  ]);
  assert.deepEqual(named(r, 'PES_LENGTH_MISMATCH').map((i) => i.message), ['PES packet on PID 0x0101: PES_packet_length announces 2894 bytes, 2342 arrived']);
  assert.deepEqual(r.transport?.damage.map((d) => [d.cause, d.frame, d.packet]), [
    ['VIDEO_DAMAGED_BY_PACKET_LOSS', 50, 598], // packet indices count packets read in sync: 3 fewer
    ['VIDEO_DAMAGED_BY_PACKET_LOSS', 57, 698],
  ]);
  assert.equal(named(r, 'VIDEO_DAMAGED_BY_SYNC_LOSS').length, 0);
});

test('t3: transport_error_indicator on packet 478 → Transport_error → frame 40 damaged', async () => {
  const c = await corruptTs();
  const r = await validateFile(scratch('t3.ts', c.setTei(base(), [478])));
  assert.equal(r.transport?.indicators.Transport_error, 1);
  assert.equal(r.transport?.indicators.Continuity_count_error, 0);
  assert.deepEqual(brief(r), [['VIDEO_DAMAGED_BY_TRANSPORT_ERROR', 478 * 188, 40], ['TRANSPORT_ERROR', 478 * 188, null]]);
  assert.equal(named(r, 'VIDEO_DAMAGED_BY_TRANSPORT_ERROR')[0].message,
    'a TS packet with transport_error_indicator dropped on PID 0x0100 (packet 478) → frame 40 damaged → 10 frame(s) unplayable until the keyframe at 3.480 s');
});

test('t4: one bit of the PAT in packet 388 → CRC_error, nothing else', async () => {
  const c = await corruptTs();
  const r = await validateFile(scratch('t4.ts', c.breakSectionCrc(base(), 388)));
  assert.deepEqual(brief(r), [['CRC_ERROR', 388 * 188, null]]);
  assert.equal(r.issues[0].message, 'CRC_error on PID 0x0000: section with table_id 0 fails its CRC_32; section ignored');
  assert.equal(r.transport?.indicators.CRC_error, 1);
  assert.deepEqual(r.transport?.pids['0x0000'].indicators, { CRC_error: 1 });
  assert.equal(r.frames, 75);
});

test('truncated: 100 bytes cut → the last packet is partial; 204-byte packets read alike', async () => {
  const c = await corruptTs();
  const cut = await validateFile(scratch('cut.ts', c.truncate(base(), 100)));
  assert.deepEqual(named(cut, 'TS_PACKET_TRUNCATED').map((i) => [i.offset, i.message]), [[911 * 188, 'the stream ends 88 bytes into a TS packet']]);
  assert.equal(cut.transport?.packets, 911);
  assert.equal(cut.frames, 75);
  const rs = await validateFile(scratch('rs.ts', c.to204(base())));
  assert.equal(rs.transport?.packet_size, 204);
  assert.equal(rs.transport?.packets, 912);
  assert.deepEqual(rs.issues, []);
  assert.equal(rs.frames, 75);
  assert.equal(rs.av_sync?.max_drift_ms, 21.333);
});

test('HEVC + MPEG audio, AC-3 (ATSC), E-AC-3 (DVB descriptors), M2TS 192-byte packets', async () => {
  const hevc = await validateFile(join(TS_DIR, 'ts_hevc_mp2.ts'));
  assert.equal(hevc.video.codec, 'hevc');
  assert.equal(hevc.frames, 25);
  assert.deepEqual(hevc.issues, []);
  assert.equal(hevc.av_sync?.audio_codec, 'mpeg_audio');
  assert.equal(hevc.transport?.pids['0x0101'].stream_type, '0x03');
  const ac3 = await validateFile(join(TS_DIR, 'ts_h264_ac3.ts'));
  assert.equal(ac3.av_sync?.audio_codec, 'ac3');
  assert.equal(ac3.transport?.pids['0x0101'].stream_type, '0x81');
  assert.deepEqual(ac3.issues, []);
  const eac3 = await validateFile(join(TS_DIR, 'ts_h264_eac3_dvb.ts'));
  assert.equal(eac3.av_sync?.audio_codec, 'eac3');
  assert.equal(eac3.transport?.pids['0x0101'].stream_type, '0x06');
  assert.deepEqual(eac3.issues, []);
  // FFmpeg's M2TS mode puts AAC under stream_type 0x06 without a descriptor: the payload is
  // ADTS (stream_type 0x0F), a low STREAM_TYPE_MISMATCH, and the audio is read as AAC.
  const m2ts = await validateFile(join(TS_DIR, 'ts_h264_aac.m2ts'));
  assert.equal(m2ts.transport?.packet_size, 192);
  assert.equal(m2ts.frames, 25);
  assert.deepEqual(m2ts.issues.map((i) => [i.name, i.severity, i.message]), [
    ['STREAM_TYPE_MISMATCH', 'low', 'STREAM_TYPE_MISMATCH on PID 0x1100: stream_type 6, but the payload is what stream_type 15 carries'],
  ]);
  assert.equal(m2ts.av_sync?.audio_codec, 'aac');
});

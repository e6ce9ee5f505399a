/** The report's `transport` section: TR 101 290 counters by indicator and by PID, and the video damage they caused. */
import type { NativeTsCounters } from '../../native/mpegts-types.js';
import type { ReportIssue, TransportDamage, TransportReport, ValidationReport } from '../report.js';
import type { FrameInfo } from '../types.js';
import { pidLabel, TR101290_INDICATORS } from './records.js';

export const DAMAGE_CODES = new Set(['VIDEO_DAMAGED_BY_PACKET_LOSS', 'VIDEO_DAMAGED_BY_TRANSPORT_ERROR', 'VIDEO_DAMAGED_BY_SYNC_LOSS']);

export function transportReport(c: NativeTsCounters, damage: TransportDamage[]): TransportReport {
  const indicators: Record<string, number> = {};
  for (const name of TR101290_INDICATORS) indicators[name] = c.indicators[name] ?? 0;
  const pids: TransportReport['pids'] = {};
  for (const p of [...c.pids].sort((a, b) => a.pid - b.pid)) {
    const counts: Record<string, number> = {};
    for (const name of TR101290_INDICATORS) if (p.indicators[name]) counts[name] = p.indicators[name];
    pids[`0x${p.pid.toString(16).padStart(4, '0')}`] = {
      stream_type: p.listed || p.streamType ? `0x${p.streamType.toString(16).padStart(2, '0')}` : null,
      packets: p.packets,
      indicators: counts,
      kind: p.kind,
      codec: p.codec || null,
    };
  }
  return { packet_size: c.packetSize, packets: c.packets, indicators, pids, skipped_bytes: c.skippedBytes, damage };
}

const seconds = (pts: number | null): number | null => (pts === null ? null : Math.round(pts / 90) / 1000);

/** A transport-damage record of the video inspector, read from its words. */
export interface DamageRecord {
  name: string;
  offset: number;
  frame: number;
  pid: number;
  packet: number;
  /** The issue's found value: packets lost, 1 for TEI, bytes skipped for a sync loss. */
  found: number;
}

/**
 * Joins each transport-damage record to the report's damage span holding its frame: how many
 * frames from there cannot be shown, and the keyframe that ends it. Rewrites the matching
 * issue's message into one sentence ("3 TS packet(s) lost on PID 0x0100 (packet 1234) → frame
 * 212 damaged → 11 frame(s) unplayable until the keyframe at 13.000 s").
 */
export function joinDamage(report: ValidationReport, frames: ArrayLike<FrameInfo>, records: DamageRecord[]): TransportDamage[] {
  const out: TransportDamage[] = [];
  for (const r of records) {
    const span = report.damage.spans.find((s) => s.first_frame <= r.frame && r.frame <= s.last_frame);
    const recovered = span ? span.recovered_at_frame : nextKeyframe(frames, r.frame);
    const d: TransportDamage = {
      pid: r.pid,
      packet: r.packet,
      offset: r.offset,
      cause: r.name,
      packets_lost: r.name === 'VIDEO_DAMAGED_BY_SYNC_LOSS' ? null : r.found,
      frame: r.frame,
      frame_time_s: r.frame < frames.length ? seconds(frames[r.frame].pts) : null,
      unplayable_frames: span ? span.last_frame - r.frame + 1 : 1,
      recovered_at_frame: recovered,
      recovered_at_s: recovered !== null && recovered < frames.length ? seconds(frames[recovered].pts) : null,
    };
    out.push(d);
    const issue = report.issues.find((i: ReportIssue) => i.name === r.name && i.offset === r.offset && i.frame === r.frame);
    if (!issue) continue;
    const what = r.name === 'VIDEO_DAMAGED_BY_PACKET_LOSS'
      ? `${r.found} TS packet(s) lost`
      : r.name === 'VIDEO_DAMAGED_BY_TRANSPORT_ERROR' ? 'a TS packet with transport_error_indicator dropped' : `TS sync lost (${r.found} bytes)`;
    const until = d.recovered_at_frame === null
      ? 'until the end of the stream'
      : `until the keyframe at ${d.recovered_at_s !== null ? `${d.recovered_at_s.toFixed(3)} s` : `frame ${d.recovered_at_frame}`}`;
    issue.message = `${what} on ${pidLabel(r.pid)} (packet ${r.packet}) → frame ${r.frame} damaged → ` +
      `${d.unplayable_frames} frame(s) unplayable ${until}`;
  }
  return out;
}

function nextKeyframe(frames: ArrayLike<FrameInfo>, after: number): number | null {
  for (let i = after + 1; i < frames.length; i++) if (frames[i].keyframe) return i;
  return null;
}

/** The human-readable validation report. */
import type { ValidationReport } from '../inspect/report.js';

const MAX_PER_CODE = 10;

function videoLine(r: ValidationReport): string {
  const v = r.video;
  if (!v.codec) return 'no video stream recognised';
  const parts = [
    `${v.codec === 'h264' ? 'H.264' : 'HEVC'} ${v.profile ?? '?'}@L${v.level ?? '?'}`,
    v.width && v.height ? `${v.width}x${v.height}` : '?x?',
    v.chroma_format ? `${v.chroma_format} ${v.bit_depth}-bit` : '',
    v.interlaced ? 'interlaced' : 'progressive',
    v.frame_rate ? `${+v.frame_rate.toFixed(3)} fps` : '',
  ];
  return parts.filter(Boolean).join('  ');
}

/** MPEG-TS transport counters and A/V drift, when the container has them. */
function timingLines(r: ValidationReport): string[] {
  const lines: string[] = [];
  const t = r.transport;
  if (t) {
    const hit = Object.entries(t.indicators).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
    lines.push(`  transport: ${t.packets} packets of ${t.packet_size} bytes, TR 101 290: ${hit.length ? hit.join(', ') : 'no error'}`);
  }
  const a = r.av_sync;
  if (a) {
    lines.push(`  A/V sync${a.audio_codec ? ` (${a.audio_codec})` : ''}: max drift ${a.max_drift_ms} ms, mean ${a.mean_drift_ms} ms` +
      ` (positive: audio leads), ${a.discontinuities} discontinuities`);
  }
  return lines;
}

export function formatHuman(r: ValidationReport, all = false): string {
  const out: string[] = [];
  out.push(`${r.file}  [${r.container}, ${r.size_bytes} bytes]`);
  out.push(`  ${videoLine(r)}`);
  const pt = r.picture_types;
  out.push(
    `  frames ${r.frames} (I ${pt.I} / P ${pt.P} / B ${pt.B}${pt.unknown ? ` / ? ${pt.unknown}` : ''}), keyframes ${r.keyframes}, NAL units ${r.nal_units}` +
      (r.gop.count ? `, GOPs ${r.gop.count} (max ${r.gop.max_length} frames)` : ''),
  );
  out.push(...timingLines(r));
  const c = r.issue_counts;
  out.push(`  issues: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info`);
  const shown = new Map<string, number>();
  for (const i of r.issues) {
    const n = (shown.get(i.name) ?? 0) + 1;
    shown.set(i.name, n);
    if (!all && n > MAX_PER_CODE) continue;
    const where = [i.frame !== null ? `frame ${i.frame}` : '', `offset ${i.offset} (0x${i.offset.toString(16)})`].filter(Boolean).join(', ');
    out.push(`  ${i.severity.toUpperCase().padEnd(8)} ${i.name}  ${where}  [${i.clause || 'n/a'}]  ${i.message}`);
  }
  if (!all) {
    for (const [name, n] of shown) if (n > MAX_PER_CODE) out.push(`  ... ${n - MAX_PER_CODE} more ${name} (--all lists every issue)`);
  }
  const d = r.damage;
  if (d.unplayable_frames > 0) {
    const secs = d.unplayable_seconds !== null ? ` (${d.unplayable_seconds.toFixed(2)} s)` : '';
    out.push(`  damage: ${d.damaged_frames} damaged frame(s), ${d.unplayable_frames} unplayable${secs} in ${d.spans.length} span(s)`);
    for (const s of d.spans.slice(0, all ? d.spans.length : MAX_PER_CODE)) {
      const until = s.recovered_at_frame !== null ? `until the keyframe at frame ${s.recovered_at_frame}` : 'until the end';
      out.push(`    frames ${s.first_frame}-${s.last_frame}: ${s.cause} at frame ${s.cause_frame}, ${until}`);
    }
  }
  out.push(`  verdict: ${r.verdict.toUpperCase()}`);
  return out.join('\n');
}

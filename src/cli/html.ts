/** A self-contained HTML validation report (no scripts, no external resources). */
import type { ValidationReport } from '../inspect/report.js';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SEVERITY_COLOUR: Record<string, string> = {
  critical: '#b00020', high: '#e65100', medium: '#f9a825', low: '#5c6bc0', info: '#78909c',
};

/** One strip cell per frame: red damaged, orange depends on damage, dark keyframe, grey other. */
function timeline(r: ValidationReport): string {
  if (r.frames === 0) return '';
  const state = new Array<string>(r.frames).fill('ok');
  for (const s of r.damage.spans) {
    for (let i = s.first_frame; i <= s.last_frame && i < state.length; i++) state[i] = 'dep';
    if (s.cause_frame < state.length) state[s.cause_frame] = 'bad';
  }
  for (const i of r.issues) if (i.frame !== null && i.frame < state.length && ['medium', 'high', 'critical'].includes(i.severity)) state[i.frame] = 'bad';
  const w = Math.max(1, Math.min(8, Math.floor(1200 / r.frames)));
  const cells = state
    .map((s, i) => `<rect x="${i * w}" width="${w}" height="24" class="${s}"><title>frame ${i}: ${s === 'bad' ? 'damaged' : s === 'dep' ? 'depends on a damaged frame' : 'ok'}</title></rect>`)
    .join('');
  return `<svg class="timeline" width="${r.frames * w}" height="24" role="img" aria-label="frames">${cells}</svg>`;
}

function section(r: ValidationReport): string {
  const v = r.video;
  const rows: Array<[string, unknown]> = [
    ['container', r.container],
    ['codec', v.codec ? `${v.codec === 'h264' ? 'H.264' : 'HEVC'} ${v.profile ?? '?'}@L${v.level ?? '?'}` : 'none recognised'],
    ['picture', v.width ? `${v.width}x${v.height} ${v.chroma_format ?? ''} ${v.bit_depth ?? ''}-bit ${v.interlaced ? 'interlaced' : 'progressive'}` : '-'],
    ['frame rate', v.frame_rate ? `${+v.frame_rate.toFixed(3)} fps` : '-'],
    ['frames', `${r.frames} (I ${r.picture_types.I}, P ${r.picture_types.P}, B ${r.picture_types.B})`],
    ['keyframes', `${r.keyframes} (GOPs: ${r.gop.count}, longest ${r.gop.max_length} frames)`],
    ['NAL units', r.nal_units],
    ['unplayable', `${r.damage.unplayable_frames} frames${r.damage.unplayable_seconds ? ` (${r.damage.unplayable_seconds.toFixed(2)} s)` : ''}`],
  ];
  if (r.av_sync) rows.push(['A/V drift', `max ${r.av_sync.max_drift_ms.toFixed(1)} ms, mean ${r.av_sync.mean_drift_ms.toFixed(1)} ms`]);
  const issues = r.issues
    .map(
      (i) => `<tr><td><span class="sev" style="background:${SEVERITY_COLOUR[i.severity]}">${esc(i.severity)}</span></td>` +
        `<td><code>${esc(i.name)}</code></td><td>${i.frame ?? ''}</td><td>${i.offset} (0x${i.offset.toString(16)})</td>` +
        `<td>${esc(i.clause)}</td><td>${esc(i.message)}</td></tr>`,
    )
    .join('\n');
  const spans = r.damage.spans
    .map((s) => `<li>frames ${s.first_frame}–${s.last_frame} (${s.frames}${s.seconds !== null ? `, ${s.seconds.toFixed(2)} s` : ''}): ` +
      `<code>${esc(s.cause)}</code> at frame ${s.cause_frame}, ${s.recovered_at_frame !== null ? `until the keyframe at frame ${s.recovered_at_frame}` : 'until the end'}</li>`)
    .join('');
  return `<section>
<h2>${esc(r.file)} <span class="verdict ${esc(r.verdict)}">${esc(r.verdict)}</span></h2>
<table class="facts">${rows.map(([k, val]) => `<tr><th>${esc(k)}</th><td>${esc(val)}</td></tr>`).join('')}</table>
${timeline(r)}
${spans ? `<h3>Damage</h3><ul>${spans}</ul>` : ''}
<h3>Issues (${r.issues.length})</h3>
${r.issues.length ? `<table class="issues"><tr><th>severity</th><th>issue</th><th>frame</th><th>offset</th><th>clause</th><th>message</th></tr>${issues}</table>` : '<p>none</p>'}
</section>`;
}

export function formatHtml(reports: ValidationReport[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mirror-inspect report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0}th,td{padding:.2em .6em;text-align:left;vertical-align:top}
.facts th{color:#555;font-weight:normal}.issues tr:nth-child(even){background:#f5f5f5}
.sev{color:#fff;border-radius:3px;padding:0 .4em;font-size:.85em}
.verdict{font-size:.8em;border-radius:3px;padding:.1em .5em;color:#fff;background:#2e7d32}
.verdict.warnings{background:#5c6bc0}.verdict.damaged{background:#b00020}.verdict.unreadable{background:#555}
.timeline rect.ok{fill:#c8e6c9}.timeline rect.dep{fill:#ffb74d}.timeline rect.bad{fill:#d32f2f}
</style></head><body>
<h1>mirror-inspect validation report</h1>
${reports.map(section).join('\n')}
</body></html>
`;
}

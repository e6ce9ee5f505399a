/**
 * Pushes the video samples into an Inspector: large sequential reads into reused buffers
 * (batch-reader), each sample pushed as a view into the buffer (no copy), then endSample();
 * timestamps in 90 kHz. The framing is decided from the first batch, before the inspector
 * is made.
 */
import { Inspector } from '../inspector.js';
import type { IssueInfo } from '../types.js';
import { readBatches } from './batch-reader.js';
import type { FileSource } from './file-source.js';
import { FrameLog } from './frame-log.js';
import { detectFraming, leadingAudBytes, type SampleFraming } from './framing.js';
import { containerIssue } from './issue.js';
import { buildPreamble, type Preamble } from './preamble.js';
import { PushMap } from './push-map.js';
import type { ReadPlan } from './read-plan.js';
import { to90k } from './timescale.js';
import type { VideoTrack } from './track.js';
import type { DecodeTimes } from './decode-times.js';

export interface FeedResult {
  inspector: Inspector;
  log: FrameLog;
  map: PushMap;
  framing: SampleFraming;
  /** Frame index of each sample (−1: no access unit ends in it, or not read). */
  frameOfSample: Int32Array;
  issues: IssueInfo[];
}

export interface FeedOptions {
  /** Bytes per read buffer (two are used). */
  bufferBytes: number;
  /** Number of leading samples the framing is decided from. */
  framingSamples?: number;
}

/** Declared NAL length size of the track's first sample entry, or null if none is legal. */
export function declaredLengthSize(track: VideoTrack): 1 | 2 | 4 | null {
  const c = track.entries[0]?.configs.find((x) => x.parse.ok && x.kind !== 'lhvC');
  if (!c || !c.parse.ok) return null;
  const s = c.parse.record.lengthSize;
  return s === 1 || s === 2 || s === 4 ? s : null;
}

export async function feedSamples(src: FileSource, track: VideoTrack, times: DecodeTimes, plan: ReadPlan, o: FeedOptions): Promise<FeedResult> {
  const map = new PushMap();
  const issues: IssueInfo[] = [];
  const samples = track.samples;
  const ts = track.timescale;
  let inspector: Inspector | null = null;
  let log: FrameLog | null = null;
  let framing: SampleFraming = { kind: 'length-prefixed', lengthSize: declaredLengthSize(track) ?? 4 };
  const preambles = new Map<number, Preamble>();
  let lastEntry = -1;
  const stamps = { pts: -1, dts: -1 };

  for await (const { batch, bytes } of readBatches(src, plan.batches, o.bufferBytes)) {
    if (!inspector) {
      const first: Uint8Array[] = [];
      for (let k = batch.first; k < batch.end && first.length < (o.framingSamples ?? 4); k++) {
        const s = samples[plan.order[k]];
        first.push(bytes.subarray(s.offset - batch.fileStart, s.offset - batch.fileStart + plan.present[k]));
      }
      framing = detectFraming(first, declaredLengthSize(track));
      if (framing.kind === 'annexb') {
        const s0 = samples[plan.order[batch.first]];
        issues.push(containerIssue('MP4_ANNEXB_SAMPLES', { offset: s0.offset, found: plan.order[batch.first], element: `sample entry '${track.entries[s0.description_index]?.fourcc ?? '?'}'` }));
      }
      inspector = framing.kind === 'annexb'
        ? new Inspector({ codec: track.codec, framing: 'annexb' })
        : new Inspector({ codec: track.codec, framing: 'length-prefixed', lengthSize: framing.lengthSize });
      log = new FrameLog(map, track.codec);
    }
    const insp = inspector;
    const lp = framing.kind === 'length-prefixed';
    for (let k = batch.first; k < batch.end; k++) {
      const i = plan.order[k];
      const s = samples[i];
      const pts = to90k(times.cts[i], ts);
      const dts = to90k(times.dts[i], ts);
      stamps.pts = pts >= 0 ? pts : -1;
      stamps.dts = dts >= 0 ? dts : -1;
      const at = s.offset - batch.fileStart;
      const n = plan.present[k];
      const sample = bytes.subarray(at, at + n);
      const entry = s.description_index;
      let pre: Preamble | undefined;
      if (entry !== lastEntry) {
        lastEntry = entry;
        pre = preambles.get(entry);
        const e = track.entries[entry];
        if (!pre && e) {
          pre = buildPreamble(e, framing);
          preambles.set(entry, pre);
          if (pre.unframed) issues.push(containerIssue('MP4_CONFIG_RECORD_INVALID', { offset: pre.fileOffset, found: pre.unframed, element: `${pre.unframed} parameter set(s) longer than the NAL length field allows: not used` }));
        }
      }
      if (pre && pre.bytes.length) {
        // The configuration's parameter sets join the sample's access unit, after its access
        // unit delimiter if it opens with one (H.264 7.4.1.2.3, H.265 7.4.2.4.4 order).
        const aud = leadingAudBytes(sample, framing, track.codec);
        if (aud) {
          map.addSample(i, s.offset, aud);
          log!.take(insp.push(sample.subarray(0, aud), stamps));
        }
        map.addPreamble(pre.fileOffset, pre.bytes.length);
        log!.take(insp.push(pre.bytes, aud ? undefined : stamps));
        map.addSample(i, s.offset + aud, n - aud);
        log!.take(insp.push(sample.subarray(aud), undefined));
        if (lp) log!.take(insp.endSample());
      } else {
        map.addSample(i, s.offset, n);
        log!.take(lp ? insp.pushSample(sample, stamps) : insp.push(sample, stamps));
      }
    }
  }
  if (!inspector) {
    inspector = new Inspector({ codec: track.codec, framing: 'length-prefixed', lengthSize: framing.kind === 'length-prefixed' ? framing.lengthSize : 4 });
    log = new FrameLog(map, track.codec);
  }
  log!.take(inspector.flush());
  const frameOfSample = new Int32Array(samples.length).fill(-1);
  for (let f = 0; f < log!.count; f++) {
    const s = log!.sampleOf(f);
    if (s >= 0 && frameOfSample[s] < 0) frameOfSample[s] = f;
  }
  return { inspector, log: log!, map, framing, frameOfSample, issues };
}

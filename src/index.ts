/** mirror-inspect public API. */
export { Inspector, inspectBuffer, type InspectorCounters, type InspectionOutput } from './inspect/inspector.js';
export { validateFile, type ValidateFileOptions } from './inspect/file.js';
export { buildReport, exitCodeOf, type ValidationReport, type ReportIssue, type Verdict } from './inspect/report.js';
export { sniffContainer, type Container } from './inspect/sniff.js';
export { validateMp4File, type Mp4ValidateOptions } from './inspect/mp4/validate.js';
export type { Mp4Report, Mp4TrackReport } from './inspect/mp4/summary.js';
export { TsInspector, type TsInspectorOptions, type TsInspectResult, type TsCounters } from './inspect/mpegts/ts-inspector.js';
export { validateMpegTsFile, type MpegTsValidateOptions } from './inspect/mpegts/validate.js';
export { TR101290_INDICATORS, PesFlag, pidLabel, type Tr101290Indicator, type TsIssueInfo, type PesTiming } from './inspect/mpegts/records.js';
export { avSync, AV_LEAD_LIMIT_MS, AV_LAG_LIMIT_MS, type AvTrack, type AvSyncOptions, type AvSyncResult } from './inspect/av-sync.js';
export type { AvSyncReport, TransportReport, TransportDamage } from './inspect/report.js';
export { issueCatalogue, issueByCode, issueByName, type IssueDefinition, type IssueKind } from './inspect/catalogue.js';
export { FrameFlag, IssueClass, FRAME_STRIDE, NAL_STRIDE, ISSUE_STRIDE } from './inspect/records.js';
export { FrameTable, NalTable, IssueTable } from './inspect/tables.js';
export type * from './inspect/types.js';
export { addonInfo, type AddonInfo } from './native/load.js';
export * from './recovery.js';

/** mirror-inspect public API. */
export { Inspector, inspectBuffer, type InspectorCounters, type InspectionOutput } from './inspect/inspector.js';
export { validateFile, type ValidateFileOptions } from './inspect/file.js';
export { buildReport, exitCodeOf, type ValidationReport, type ReportIssue, type Verdict } from './inspect/report.js';
export { sniffContainer, type Container } from './inspect/sniff.js';
export { validateMp4File, type Mp4ValidateOptions } from './inspect/mp4/validate.js';
export type { Mp4Report, Mp4TrackReport } from './inspect/mp4/summary.js';
export { issueCatalogue, issueByCode, issueByName, type IssueDefinition, type IssueKind } from './inspect/catalogue.js';
export { FrameFlag, IssueClass, FRAME_STRIDE, NAL_STRIDE, ISSUE_STRIDE } from './inspect/records.js';
export { FrameTable, NalTable, IssueTable } from './inspect/tables.js';
export type * from './inspect/types.js';
export * from './recovery.js';

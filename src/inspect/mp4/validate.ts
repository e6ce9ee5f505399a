/** MP4 / MOV / fMP4 file validation (ISO/IEC 14496-12, -15). */
import type { ValidateFileOptions } from '../file.js';
import { hostIssue, unreadableReport } from '../file.js';
import type { ValidationReport } from '../report.js';

export async function validateMp4File(path: string, size: number, _opts: ValidateFileOptions): Promise<ValidationReport> {
  return unreadableReport(path, 'mp4', size, hostIssue('UNSUPPORTED_CONTAINER', 'mp4'));
}

/** MPEG-TS file validation (ISO/IEC 13818-1, ETSI TR 101 290). */
import type { ValidateFileOptions } from '../file.js';
import { hostIssue, unreadableReport } from '../file.js';
import type { ValidationReport } from '../report.js';

export async function validateMpegTsFile(path: string, size: number, _opts: ValidateFileOptions): Promise<ValidationReport> {
  return unreadableReport(path, 'mpegts', size, hostIssue('UNSUPPORTED_CONTAINER', 'mpegts'));
}

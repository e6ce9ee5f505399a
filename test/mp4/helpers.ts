/** Shared helpers of the MP4 tests: fixture paths and issue projections. */
import { join } from 'node:path';
import { validateFile, type ValidationReport } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';

export const MP4_FIXTURES = join(ROOT, 'test', 'fixtures', 'mp4');

export function mp4Fixture(name: string): string {
  return join(MP4_FIXTURES, name);
}

export function validateFixture(name: string): Promise<ValidationReport> {
  return validateFile(mp4Fixture(name));
}

/** [name, frame, offset] of every issue, in report order. */
export function where(r: ValidationReport): Array<[string, number | null, number]> {
  return r.issues.map((i) => [i.name, i.frame, i.offset]);
}

export function messages(r: ValidationReport, name: string): string[] {
  return r.issues.filter((i) => i.name === name).map((i) => i.message);
}

/** Container findings as issue records (catalogue entries 150–199, native/issues.def). */
import { issueByName, renderMessage } from '../catalogue.js';
import { hostIssue } from '../file.js';
import type { IssueInfo } from '../types.js';

export interface IssueAt {
  /** File offset the finding points at. */
  offset?: number;
  /** Frame index (access unit the inspector produced), when tied to one. */
  frame?: number;
  found?: number;
  /** Rendered as {min} in the message template. */
  expected?: number;
  /** Rendered as {max}. */
  max?: number;
  element?: string;
}

export function containerIssue(name: string, at: IssueAt = {}): IssueInfo {
  const d = issueByName(name);
  const found = at.found ?? 0;
  const expected = at.expected ?? 0;
  return {
    ...hostIssue(name, at.element ?? '', found),
    offset: at.offset ?? 0,
    frame: at.frame ?? -1,
    expected,
    message: renderMessage(d.message, { element: at.element ?? '', found, min: expected, max: at.max ?? 0 }),
  };
}

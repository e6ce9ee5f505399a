/**
 * The issue catalogue (native/issues.def), as the addon exports it. One source of truth:
 * TypeScript never keeps its own copy of the table.
 */
import { loadAddon } from '../native/load.js';
import type { ErrorType, IssueKind, Severity } from './types.js';

export type { IssueKind };

export interface IssueDefinition {
  code: number;
  name: string;
  severity: Severity;
  type: ErrorType;
  kind: IssueKind;
  clause: string;
  /** Template with {element} {found} {min} {max}. */
  message: string;
}

let byCode: Map<number, IssueDefinition> | undefined;
let byName: Map<string, IssueDefinition> | undefined;

function load(): void {
  if (byCode) return;
  const list = loadAddon().issueCatalogue() as IssueDefinition[];
  byCode = new Map(list.map((d) => [d.code, d]));
  byName = new Map(list.map((d) => [d.name, d]));
}

/** Every catalogue entry, in catalogue order. */
export function issueCatalogue(): IssueDefinition[] {
  load();
  return [...byCode!.values()];
}

export function issueByCode(code: number): IssueDefinition {
  load();
  const d = byCode!.get(code);
  if (!d) throw new RangeError(`unknown issue code ${code}`);
  return d;
}

export function issueByName(name: string): IssueDefinition {
  load();
  const d = byName!.get(name);
  if (!d) throw new RangeError(`unknown issue name ${name}`);
  return d;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function renderMessage(
  template: string,
  v: { element: string; found: number; min: number; max: number },
): string {
  return template
    .replaceAll('{element}', v.element || '?')
    .replaceAll('{found}', String(v.found))
    .replaceAll('{min}', String(v.min))
    .replaceAll('{max}', String(v.max));
}

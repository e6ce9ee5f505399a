import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { didYouMean } from './did-you-mean.js';
import { RecoveryConfigSchema, SECTION_SHAPES, type RecoveryConfig } from './schema.js';

/** Validates a plain object (e.g. parsed YAML or JSON); throws `ConfigError` naming each bad path. */
export function parseConfig(input: unknown, source = 'config'): Readonly<RecoveryConfig> {
  const parsed = RecoveryConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.flatMap(toConfigIssues));
  return deepFreeze(parsed.data);
}

/** Parses YAML text and validates it. */
export function parseConfigYaml(text: string, source = 'config'): Readonly<RecoveryConfig> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  return parseConfig(doc.toJS(), source);
}

/** Reads and validates a YAML configuration file. */
export async function loadConfig(path: string): Promise<Readonly<RecoveryConfig>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [{ path: '', message: `cannot read file: ${(e as Error).message}` }]);
  }
  return parseConfigYaml(text, path);
}

function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const hint = didYouMean(key, known);
      return {
        path: path ? `${path}.${key}` : key,
        message: hint ? `unknown key; did you mean "${hint}"?` : `unknown key; expected one of: ${known.join(', ')}`,
      };
    });
  }
  return [{ path, message: issue.message }];
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(SECTION_SHAPES);
  const shape = (SECTION_SHAPES as Record<string, object>)[String(path[0])];
  return shape ? Object.keys(shape) : [];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** One problem in a configuration, with the dotted path of the key it concerns. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** Thrown by `parseConfig` / `loadConfig`; the message lists every issue, one per line. */
export class ConfigError extends Error {
  readonly isConfigError = true as const;
  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(`invalid configuration in ${source}:\n` + issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return typeof value === 'object' && value !== null && (value as { isConfigError?: unknown }).isConfigError === true;
}

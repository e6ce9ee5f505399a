// Running npm, node-gyp and cmake-js as a user's shell would, for the packaging tests.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import assert from 'node:assert/strict';
import { dirname, delimiter, join, sep } from 'node:path';

/** npm's CLI script (the one running `npm test`, else the one installed beside node). */
export const NPM_CLI = process.env.npm_execpath?.endsWith('npm-cli.js')
  ? process.env.npm_execpath
  : join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
export const NPX_CLI = join(dirname(NPM_CLI), 'npx-cli.js');

/** The environment of a fresh shell: no npm script variables, no node_modules/.bin on the PATH. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_nodedir', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_cafile']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if ((k.startsWith('npm_') && !keep.has(k)) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((d) => !d.split(sep).includes('node_modules')).join(delimiter);
  return { ...env, ...extra };
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60_000, maxBuffer: 64 << 20 });
}

export function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * `cmd args` with no network at all (a new network namespace, `unshare -n`, where this user may
 * make one — root on CI), so a build that tries to download headers fails; else `cmd args` as is.
 */
export function offline(cmd: string, args: string[]): { cmd: string; args: string[]; isolated: boolean } {
  const probe = spawnSync('unshare', ['-n', 'true']);
  return probe.status === 0 ? { cmd: 'unshare', args: ['-n', cmd, ...args], isolated: true } : { cmd, args, isolated: false };
}

// Builds the Node-API prebuilds shipped in the package (prebuilds/<platform>-<arch>/), run by
// `prepack`: one binary per platform/arch serves every Node >= 20 (NAPI_VERSION=8).
//
// - Builds with prebuildify in a staging copy of the native sources, so packing never touches
//   the developer's build/ (node-gyp rebuild wipes it).
// - Offline: node-gyp compiles against the local Node headers (npm's `nodedir`, or the headers
//   installed beside the running node), never downloads them.
// - The host platform/arch always; linux-arm64 too on a linux-x64 host that has Debian's cross
//   compiler (g++-aarch64-linux-gnu). MI_PREBUILD_CROSS=0 skips the cross build,
//   MI_PREBUILD_CROSS=required fails when it cannot be made.
// - Each binary is checked before it is stripped (scripts/check-simd.mjs): the x64 build carries
//   no global -m flag, and only functions named for AVX2 use AVX2 (the choice stays at run time).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBuild } from './check-simd.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

/** npm's nodedir, else the prefix of the running node when its headers are installed there. */
function localNodedir() {
  const configured = process.env.npm_config_nodedir;
  if (configured) return configured;
  const prefix = resolve(dirname(process.execPath), '..');
  if (existsSync(join(prefix, 'include', 'node', 'node_api.h'))) return prefix;
  throw new Error(
    `no local Node headers: set npm's nodedir (npm config set nodedir <prefix>) to a prefix with include/node/node_api.h ` +
      `(looked in ${prefix}/include/node); prebuilds are never built against downloaded headers`,
  );
}

/** npm's bundled node-gyp (npm sets npm_config_node_gyp for scripts), else one on the PATH. */
function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  const npmCli = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(npmCli)) return npmCli;
  const onPath = which('node-gyp');
  if (onPath) return onPath;
  throw new Error('node-gyp not found (run through npm, or put node-gyp on the PATH)');
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** Builds one platform/arch in `stage` and copies prebuilds/<platform>-<arch>/ into the package. */
function buildOne(stage, { targetArch, env, stripBin }) {
  const prebuildifyBin = join(dirname(require.resolve('prebuildify/package.json')), 'bin.js');
  rmSync(join(stage, 'build'), { recursive: true, force: true });
  run(
    process.execPath,
    [prebuildifyBin, '--napi', '--tag-libc', `--target=${process.versions.node}`, `--arch=${targetArch}`, `--node-gyp=${nodeGyp()}`],
    { cwd: stage, env },
  );
  const tuple = `${platform()}-${targetArch}`;
  const dir = join(stage, 'prebuilds', tuple);
  const files = readdirSync(dir).filter((f) => f.endsWith('.node'));
  if (files.length !== 1) throw new Error(`prebuildify left ${files.length} binaries in ${dir}`);
  const file = join(dir, files[0]);
  checkBuild({ binary: file, makefile: join(stage, 'build', 'mirror_inspect.target.mk'), targetArch, objdump: env.MI_OBJDUMP });
  run(stripBin, ['--strip-all', file], { env });
  const dest = join(root, 'prebuilds', tuple);
  rmSync(dest, { recursive: true, force: true });
  cpSync(dir, dest, { recursive: true });
  console.log(`prebuild: ${join('prebuilds', tuple, files[0])} (${statSync(join(dest, files[0])).size} bytes)`);
}

function main() {
  const nodedir = localNodedir();
  const stage = mkdtempSync(join(tmpdir(), 'mirror-inspect-prebuild-'));
  try {
    for (const entry of ['package.json', 'binding.gyp', 'native', join('scripts', 'sources.mjs')]) {
      cpSync(join(root, entry), join(stage, entry), { recursive: true });
    }
    // binding.gyp resolves node-addon-api from the staging copy.
    symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
    rmSync(join(root, 'prebuilds'), { recursive: true, force: true });
    const base = { ...process.env, npm_config_nodedir: nodedir, JOBS: process.env.JOBS ?? 'max' };

    buildOne(stage, { targetArch: arch(), env: base, stripBin: 'strip' });

    const cross = process.env.MI_PREBUILD_CROSS ?? 'auto';
    if (cross !== '0' && platform() === 'linux' && arch() === 'x64') {
      if (which('aarch64-linux-gnu-g++')) {
        buildOne(stage, {
          targetArch: 'arm64',
          env: {
            ...base,
            CC: 'aarch64-linux-gnu-gcc',
            CXX: 'aarch64-linux-gnu-g++',
            LINK: 'aarch64-linux-gnu-g++',
            AR: 'aarch64-linux-gnu-ar',
            MI_OBJDUMP: 'aarch64-linux-gnu-objdump',
          },
          stripBin: 'aarch64-linux-gnu-strip',
        });
      } else if (cross === 'required') {
        throw new Error('MI_PREBUILD_CROSS=required but aarch64-linux-gnu-g++ is not installed (apt-get install g++-aarch64-linux-gnu)');
      } else {
        console.log('prebuild: linux-arm64 skipped (no aarch64-linux-gnu-g++; apt-get install g++-aarch64-linux-gnu to add it)');
      }
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  console.error(`prebuild: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

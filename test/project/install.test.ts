// The package as a dependency: `npm pack` once, install the tarball into fresh projects in a temp
// directory and use it there as a consumer would — the API (also in a worker thread), the CLI
// through npx, a strict TypeScript consumer — with and without a C++ toolchain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { validateFile, type ValidationReport } from '../../src/index.js';
import { ROOT } from '../helpers/fixtures.js';
import { cleanEnv, NPM_CLI, NPX_CLI, offline, ok, run } from '../helpers/project.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PREBUILD_TUPLE = `${process.platform}-${process.arch}`;

/** A PATH with node, a shell and python3 but no compiler, linker or make. */
function noCompilerPath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const tools = ['sh', 'bash', 'env', 'cat', 'ls', 'rm', 'mkdir', 'cp', 'mv', 'uname', 'true', 'false'];
  symlinkSync(process.execPath, join(bin, 'node'));
  // python3 itself, not a version manager's shim (node-gyp must get as far as looking for make).
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout?.trim();
  if (python) symlinkSync(python, join(bin, 'python3'));
  for (const t of tools) {
    const found = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, t)).find((p) => existsSync(p));
    if (found) symlinkSync(found, join(bin, t));
  }
  for (const cc of ['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'ld']) assert.ok(!existsSync(join(bin, cc)), cc);
  return bin;
}

function newProject(dir: string, extra: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', ...extra }, null, 2));
  // The consumer's own code: streaming API, whole-file validation, the same in a worker thread.
  writeFileSync(
    join(dir, 'app.mjs'),
    `import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Inspector, validateFile, addonInfo } from 'mirror-inspect';
const file = process.argv[2];
const bytes = readFileSync(file);
const inspector = new Inspector();
let streamFrames = 0;
for (let i = 0; i < bytes.length; i += 4096) streamFrames += inspector.push(bytes.subarray(i, i + 4096)).frames.length;
streamFrames += inspector.flush().frames.length;
const report = await validateFile(file);
const worker = await new Promise((resolve, reject) => {
  const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: file });
  w.once('message', resolve);
  w.once('error', reject);
});
console.log(JSON.stringify({ addon: addonInfo(), streamFrames, report, worker }));
`,
  );
  writeFileSync(
    join(dir, 'worker.mjs'),
    `import { parentPort, workerData } from 'node:worker_threads';
import { Inspector, validateFile, addonInfo } from 'mirror-inspect';
const inspector = new Inspector({ codec: 'auto' });
inspector.push(new Uint8Array([0, 0, 0, 1, 0x09, 0xf0]));
parentPort.postMessage({ addon: addonInfo(), report: await validateFile(workerData), codec: inspector.codec });
`,
  );
  return dir;
}

interface AppOutput {
  addon: { path: string; scanner: string };
  streamFrames: number;
  report: ValidationReport;
  worker: { addon: { path: string; scanner: string }; report: ValidationReport; codec: string | null };
}

describe('installed from the packed tarball into another project', { timeout: 20 * 60_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'mi-install-'));
  let tarball = '';
  let tarFiles: string[] = [];
  const sample = join(ROOT, 'samples', 'sample.h264');
  const damaged = join(work, 'damaged.h264');
  let expectSample: ValidationReport;
  let expectDamaged: ValidationReport;

  after(() => rmSync(work, { recursive: true, force: true }));

  before(async () => {
    const out = join(work, 'pack');
    mkdirSync(out);
    // What `npm pack` does for a release: prepack builds the prebuilds, prepare the TypeScript.
    // Without network where a network namespace can be made: the prebuilds use the local Node headers.
    const pack = offline(process.execPath, [NPM_CLI, 'pack', '--pack-destination', out]);
    ok(run(pack.cmd, pack.args, ROOT, cleanEnv()), `npm pack${pack.isolated ? ' (no network)' : ''}`);
    const tgz = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    assert.equal(tgz.length, 1);
    tarball = join(out, tgz[0]!);
    tarFiles = ok(run('tar', ['tzf', tarball], out, cleanEnv()), 'tar').split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    // A stream with a real fault: forbidden_zero_bit set on a NAL unit past byte 20000 (H.264 7.4.1).
    const buf = new Uint8Array(readFileSync(sample));
    let at = 20000;
    while (!(buf[at] === 0 && buf[at + 1] === 0 && buf[at + 2] === 1)) at++;
    buf[at + 3]! |= 0x80;
    writeFileSync(damaged, buf);
    // The same API, run from this repository, says what the installed copy must say.
    expectSample = await validateFile(sample);
    expectDamaged = await validateFile(damaged);
    assert.equal(expectSample.verdict, 'clean');
    assert.equal(expectDamaged.verdict, 'damaged');
  });

  test('the tarball holds the runtime, the prebuild, the sources to compile and the samples; no tests, fixtures or bench', () => {
    for (const f of [
      'package.json', 'README.md', 'bin/mirror-inspect.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/native/load.js',
      'binding.gyp', 'scripts/sources.mjs', 'native/sources.txt', 'native/binding/addon.cc', 'native/issues.def',
      'samples/sample.h264', 'samples/sample.hevc',
    ]) {
      assert.ok(tarFiles.includes(f), `${f} missing from the tarball`);
    }
    // Every file binding.gyp compiles is shipped (a from-source install builds exactly these).
    const sources = ok(run(process.execPath, [join(ROOT, 'scripts', 'sources.mjs'), '--binding'], ROOT, cleanEnv()), 'sources.mjs');
    for (const f of sources.trim().split('\n')) assert.ok(tarFiles.includes(f), `${f} (compiled by binding.gyp) missing`);
    const prebuilds = tarFiles.filter((f) => f.startsWith('prebuilds/'));
    assert.ok(prebuilds.some((f) => f.startsWith(`prebuilds/${PREBUILD_TUPLE}/`) && f.endsWith('.node')), `no ${PREBUILD_TUPLE} prebuild: ${prebuilds}`);
    // Each prebuild is a shared object for the CPU its directory names (ELF e_machine, offset 18).
    const extracted = join(work, 'extracted');
    mkdirSync(extracted);
    ok(run('tar', ['xzf', tarball, '-C', extracted], work, cleanEnv()), 'tar x');
    const machine: Record<string, number> = { 'linux-x64': 62, 'linux-arm64': 183 };
    for (const f of prebuilds.filter((p) => p.endsWith('.node'))) {
      const elf = readFileSync(join(extracted, 'package', f));
      const tuple = f.split('/')[1]!;
      assert.equal(elf.subarray(0, 4).toString('latin1'), '\x7fELF', f);
      if (tuple in machine) assert.equal(elf.readUInt16LE(18), machine[tuple], `${f}: ELF machine`);
    }
    if (process.platform === 'linux' && process.arch === 'x64' && spawnSync('aarch64-linux-gnu-g++', ['--version']).status === 0) {
      assert.ok(prebuilds.includes('prebuilds/linux-arm64/mirror-inspect.glibc.node'), 'the cross compiler is here: a linux-arm64 prebuild is expected');
    }
    const stray = tarFiles.filter((f) => /^(test|bench|build|build-[^/]*|dist\/test|dist\/bench|src)\//.test(f) || f.endsWith('.map') || f.endsWith('.tgz'));
    assert.deepEqual(stray, []);
    const size = statSync(tarball).size;
    console.log(`tarball ${tarball}: ${size} bytes, ${tarFiles.length} files; prebuilds: ${prebuilds.join(', ')}`);
    assert.ok(size < 4 << 20, `tarball is ${size} bytes`);
  });

  let withCompiler = '';
  test('with a compiler, npm defaults: the API, a worker thread and the CLI work and use the prebuild', () => {
    withCompiler = newProject(join(work, 'with-compiler'));
    ok(run(process.execPath, [NPM_CLI, 'install', '--prefer-offline', '--no-audit', '--no-fund', tarball], withCompiler, cleanEnv()), 'npm install');
    const pkg = join(withCompiler, 'node_modules', 'mirror-inspect');
    assert.ok(!existsSync(join(pkg, 'build')), 'nothing was compiled at install');

    const app = JSON.parse(ok(run(process.execPath, ['app.mjs', sample], withCompiler, cleanEnv()), 'app')) as AppOutput;
    const prebuild = join(pkg, 'prebuilds', PREBUILD_TUPLE);
    assert.equal(dirname(app.addon.path), prebuild);
    assert.equal(app.worker.addon.path, app.addon.path);
    assert.deepEqual(app.report, expectSample);
    assert.deepEqual(app.worker.report, expectSample);
    assert.equal(app.streamFrames, expectSample.frames);
    assert.equal(app.worker.codec, null); // an AUD alone decides no codec
    if (process.arch === 'x64') assert.match(app.addon.scanner, /^(avx2|sse2)$/);

    // The README's command, then the JSON report and the exit code on a damaged file.
    const human = run(process.execPath, [NPX_CLI, 'mirror-inspect', 'validate', 'node_modules/mirror-inspect/samples/sample.h264'], withCompiler, cleanEnv());
    assert.equal(ok(human, 'npx mirror-inspect validate').includes('verdict: CLEAN'), true, human.stdout);
    const json = run(process.execPath, [NPX_CLI, 'mirror-inspect', 'validate', '--json', damaged], withCompiler, cleanEnv());
    assert.equal(json.status, 2, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), expectDamaged);
  });

  let noCompiler = '';
  let noCcEnv: NodeJS.ProcessEnv = {};
  test('without a compiler (CC/CXX=false, no gcc/g++/cc/c++/make on the PATH), install scripts allowed: the prebuild is chosen, nothing compiles', () => {
    noCompiler = newProject(join(work, 'no-compiler'), { allowScripts: { 'mirror-inspect': true } });
    noCcEnv = cleanEnv({ PATH: noCompilerPath(join(work, 'no-cc')), CC: 'false', CXX: 'false' });
    const install = run(process.execPath, [NPM_CLI, 'install', '--offline', '--foreground-scripts', '--no-audit', '--no-fund', tarball], noCompiler, noCcEnv);
    ok(install, 'npm install without a compiler');
    assert.match(install.stdout + install.stderr, /mirror-inspect@[^\n]* install\n> node-gyp-build/, 'the install script ran');
    const pkg = join(noCompiler, 'node_modules', 'mirror-inspect');
    assert.ok(!existsSync(join(pkg, 'build')), 'nothing was compiled at install');
    const app = JSON.parse(ok(run(process.execPath, ['app.mjs', sample], noCompiler, noCcEnv), 'app')) as AppOutput;
    assert.equal(dirname(app.addon.path), join(pkg, 'prebuilds', PREBUILD_TUPLE));
    assert.equal(app.worker.addon.path, app.addon.path);
    assert.deepEqual(app.report, expectSample);
    const cli = run(process.execPath, [NPX_CLI, 'mirror-inspect', 'validate', '--json', damaged], noCompiler, noCcEnv);
    assert.equal(cli.status, 2, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), expectDamaged);

    // Control: in this environment a build from source really cannot happen.
    const rebuild = run(process.execPath, [NPM_CLI, 'rebuild', 'mirror-inspect', '--foreground-scripts'], noCompiler, { ...noCcEnv, npm_config_build_from_source: 'true' });
    assert.notEqual(rebuild.status, 0, `a build from source succeeded without a compiler:\n${rebuild.stdout}`);
    assert.match(rebuild.stdout + rebuild.stderr, /not found: make/);
  });

  test('no binary fits (a musl system here): the error lists every path tried and why', () => {
    const pkg = join(noCompiler, 'node_modules', 'mirror-inspect');
    rmSync(join(pkg, 'build'), { recursive: true, force: true }); // what the failed rebuild left
    const r = run(process.execPath, ['app.mjs', sample], noCompiler, { ...noCcEnv, LIBC: 'musl' });
    assert.notEqual(r.status, 0);
    const prebuild = readdirSync(join(pkg, 'prebuilds', PREBUILD_TUPLE))[0]!;
    assert.match(r.stderr, /cannot load the native addon/);
    assert.ok(r.stderr.includes(`${join(pkg, 'prebuilds', PREBUILD_TUPLE, prebuild)}: libc glibc ≠ musl`), r.stderr);
    assert.ok(r.stderr.includes(`${join(pkg, 'build', 'Release')}: no .node file`), r.stderr);
    assert.ok(r.stderr.includes(`${join(pkg, 'build-cmake', 'Release', 'mirror_inspect.node')}: not found`), r.stderr);
    assert.match(r.stderr, /node-gyp-build: No native build was found for platform=linux arch=\S+ .*libc=musl/);
  });

  test('with a compiler and a build from source requested: node-gyp-build compiles and the loader takes that build', () => {
    const pkgJson = join(withCompiler, 'package.json');
    writeFileSync(pkgJson, JSON.stringify({ ...JSON.parse(readFileSync(pkgJson, 'utf8')), allowScripts: { 'mirror-inspect': true } }));
    ok(
      run(process.execPath, [NPM_CLI, 'rebuild', 'mirror-inspect'], withCompiler, cleanEnv({ npm_config_build_from_source: 'true', JOBS: 'max' })),
      'npm rebuild --build-from-source',
    );
    const built = join(withCompiler, 'node_modules', 'mirror-inspect', 'build', 'Release', 'mirror_inspect.node');
    assert.ok(existsSync(built));
    const app = JSON.parse(ok(run(process.execPath, ['app.mjs', sample], withCompiler, cleanEnv()), 'app')) as AppOutput;
    assert.equal(app.addon.path, built);
    assert.equal(app.worker.addon.path, built);
    assert.deepEqual(app.report, expectSample);
  });

  test('a strict TypeScript consumer compiles against the installed .d.ts (moduleResolution node16 and bundler)', async () => {
    writeFileSync(
      join(noCompiler, 'consumer.ts'),
      `import { Inspector, validateFile, addonInfo, type AddonInfo, type InspectResult, type ValidationReport } from 'mirror-inspect';

export async function check(path: string): Promise<string> {
  const report: ValidationReport = await validateFile(path);
  const info: AddonInfo = addonInfo();
  const inspector = new Inspector({ codec: 'h264', framing: 'annexb' });
  const pushed: InspectResult = inspector.push(new Uint8Array(0));
  const frames: number = pushed.frames.length + inspector.flush().frames.length;
  // @ts-expect-error the verdict is a closed union, not any
  const wrong: ValidationReport['verdict'] = 'no-such-verdict';
  // @ts-expect-error the codec option is checked
  new Inspector({ codec: 'vp9' });
  return \`\${report.verdict} \${info.scanner} \${frames} \${wrong}\`;
}
`,
    );
    const base = {
      strict: true, noEmit: true, target: 'ES2022', skipLibCheck: false, exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
    };
    const configs = {
      'tsconfig.node16.json': { module: 'node16', moduleResolution: 'node16' },
      'tsconfig.bundler.json': { module: 'esnext', moduleResolution: 'bundler' },
    };
    // Both at once (two cores); skipLibCheck is off, so the package's own .d.ts files are checked too.
    const results = await Promise.all(
      Object.entries(configs).map(([name, opts]) => {
        writeFileSync(join(noCompiler, name), JSON.stringify({ compilerOptions: { ...base, ...opts }, files: ['consumer.ts'] }));
        return new Promise<{ name: string; code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [TSC, '-p', name], { cwd: noCompiler, env: noCcEnv });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => resolve({ name, code, out }));
        });
      }),
    );
    for (const r of results) assert.equal(r.code, 0, `tsc -p ${r.name}:\n${r.out}`);
  });
});

// Builds and runs the C++ unit tests of the core (ctest) twice: an optimised build
// (build-native/) and an AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/).
// MI_NATIVE_TESTS=release|asan runs only one of them.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.env.MI_NATIVE_TESTS;
const configs = [
  { name: 'release', dir: 'build-native', args: ['-DCMAKE_BUILD_TYPE=Release'] },
  { name: 'asan', dir: 'build-asan', args: ['-DCMAKE_BUILD_TYPE=Debug', '-DMI_SANITIZE=ON'] },
].filter((c) => !only || c.name === only);

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
for (const c of configs) {
  const dir = join(root, c.dir);
  console.log(`\n== C++ unit tests (${c.name}) ==`);
  run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_EXPORT_COMPILE_COMMANDS=OFF', ...c.args]);
  run('cmake', ['--build', dir, '-j', '2', '--target', 'native_tests']);
  run('ctest', ['--test-dir', dir, '--output-on-failure'], { ...process.env, ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' });
}

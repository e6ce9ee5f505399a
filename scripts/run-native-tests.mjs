// Configures, builds and runs the C++ unit tests (ctest) of the core.
// MI_SANITIZE=1 builds them with ASan + UBSan in build-asan/.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sanitize = process.env.MI_SANITIZE === '1';
const dir = join(root, sanitize ? 'build-asan' : 'build-native');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=' + (sanitize ? 'Debug' : 'Release'),
  ...(sanitize ? ['-DMI_SANITIZE=ON'] : [])]);
run('cmake', ['--build', dir, '-j', '2']);
run('ctest', ['--test-dir', dir, '--output-on-failure']);

// Prints the core's C++ sources (native/sources.txt) for binding.gyp, one per line.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const list = readFileSync(join(root, 'native', 'sources.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
process.stdout.write(list.map((f) => `native/${f}`).join('\n') + '\n');

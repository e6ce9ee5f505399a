// Prints the core's C++ sources (native/sources.txt) for binding.gyp, one per line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const list = readFileSync(join(root, 'native', 'sources.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
// --binding: also the Node binding files (native/binding/*.cc), which only the addon compiles.
const binding = process.argv.includes('--binding')
  ? readdirSync(join(root, 'native', 'binding')).filter((f) => f.endsWith('.cc')).sort().map((f) => `binding/${f}`)
  : [];
process.stdout.write([...list, ...binding].map((f) => `native/${f}`).join('\n') + '\n');

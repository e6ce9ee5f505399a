// Checks that a built addon keeps its SIMD choice at run time, so one x64 binary is right on
// every x64 CPU:
//  - the build's makefile (node-gyp's <target>.target.mk) and CFLAGS/CXXFLAGS carry no global
//    instruction-set flag (-mavx*, -msse4*, -march=, -mtune=native, ...);
//  - on x64, the disassembly (of the unstripped binary) uses AVX/AVX2/BMI instructions only in
//    functions whose name says so (e.g. zero_pair_avx2, built with __attribute__((target("avx2")))
//    and chosen by a CPU check), and at least one such function exists.
// Usage: node scripts/check-simd.mjs <addon.node> [<target.mk>] [--arch=x64|arm64]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { fileURLToPath } from 'node:url';

const GLOBAL_ISA_FLAG = /(^|\s)-m(avx\S*|sse4\S*|ssse3|sse3|fma\S*|bmi\S*|popcnt|lzcnt|f16c|arch=\S+|tune=native|cpu=\S+)/;

/** Instructions a baseline x86-64 CPU (SSE2) does not have: VEX/EVEX encodings, BMI1/2, LZCNT, POPCNT. */
function needsExtension(mnemonic, operands) {
  if (/%[yz]mm\d/.test(operands)) return true;
  if (/^v(p[a-z]|mov|add|sub|mul|div|and|or|xor|cmp|shuf|perm|broadcast|insert|extract|zero|test|blend|max|min|sqrt|cvt|unpck|pack|gather|fmadd|fmsub|fnm)/.test(mnemonic)) return true;
  return /^(andn|blsr|blsi|blsmsk|bzhi|pdep|pext|rorx|sarx|shlx|shrx|mulx|lzcnt|popcnt)$/.test(mnemonic);
}

/** Names of the functions (demangled) that use instructions beyond the x86-64 baseline. */
export function extendedIsaFunctions(binary, objdump = 'objdump') {
  const r = spawnSync(objdump, ['-d', '-C', '--no-show-raw-insn', binary], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${objdump} -d ${binary} failed: ${r.error?.message ?? r.stderr}`);
  const found = new Set();
  let fn = '';
  for (const line of r.stdout.split('\n')) {
    const head = /^[0-9a-f]+ <(.+)>:$/.exec(line);
    if (head) {
      fn = head[1];
      continue;
    }
    const insn = /^\s+[0-9a-f]+:\s+(\S+)\s*(.*)$/.exec(line);
    if (insn && needsExtension(insn[1], insn[2])) found.add(fn);
  }
  if (found.size === 0 && !/<[^>]+>:/.test(r.stdout)) throw new Error(`${binary} has no symbols: check it before stripping`);
  return [...found];
}

/** Throws with every problem found; returns the run-time-dispatched (AVX2) functions on x64. */
export function checkBuild({ binary, makefile, targetArch = hostArch(), objdump }) {
  const problems = [];
  for (const v of ['CFLAGS', 'CXXFLAGS', 'CPPFLAGS']) {
    if (GLOBAL_ISA_FLAG.test(process.env[v] ?? '')) problems.push(`${v}=${process.env[v]} sets an instruction set for the whole addon`);
  }
  if (makefile) {
    if (!existsSync(makefile)) problems.push(`${makefile}: not found`);
    else {
      readFileSync(makefile, 'utf8').split('\n').forEach((l, i) => {
        if (!l.trimStart().startsWith('#') && GLOBAL_ISA_FLAG.test(l)) problems.push(`${makefile}:${i + 1}: global instruction-set flag: ${l.trim()}`);
      });
    }
  }
  let dispatched = [];
  if (targetArch === 'x64') {
    const fns = extendedIsaFunctions(binary, objdump);
    const stray = fns.filter((f) => !/avx2?/i.test(f));
    for (const f of stray) problems.push(`${f} uses AVX/BMI instructions outside a run-time-dispatched (avx2-named) function`);
    dispatched = fns.filter((f) => /avx2?/i.test(f));
    if (dispatched.length === 0) problems.push('no AVX2 function found: the run-time-dispatched AVX2 path is missing');
  }
  if (problems.length) throw new Error(`SIMD check failed for ${binary}:\n  ${problems.join('\n  ')}`);
  return dispatched;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const targetArch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length);
  const [binary, makefile] = args.filter((a) => !a.startsWith('--'));
  if (!binary) {
    console.error('usage: node scripts/check-simd.mjs <addon.node> [<target.mk>] [--arch=x64|arm64]');
    process.exit(2);
  }
  try {
    const fns = checkBuild({ binary, makefile, targetArch });
    console.log(`SIMD check passed for ${binary}${fns.length ? `; AVX2 only in: ${fns.join(', ')}` : ''}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

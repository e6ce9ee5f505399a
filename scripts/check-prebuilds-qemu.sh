#!/usr/bin/env bash
# Runs the prebuilds of a packed tarball where this x64 Debian machine cannot: the linux-x64 one on
# an emulated x86-64 CPU without AVX (qemu-x86_64 -cpu Nehalem: the run-time choice must fall back
# to SSE2), and the linux-arm64 one under qemu-aarch64 user emulation of Debian's arm64 Node.js
# (18, Node-API 9 >= 8). The tarball is installed into a temporary project; the reports (both
# samples and a damaged stream, main thread and a worker) must equal the native x64 run's.
# Needs root (apt-get) and Debian's registry; not part of `npm test`.
# Usage: bash scripts/check-prebuilds-qemu.sh mirror-inspect-0.1.0.tgz
set -euo pipefail
tarball=$(realpath "${1:?usage: check-prebuilds-qemu.sh <tarball>}")
work=$(mktemp -d /tmp/mi-arm64-XXXXXX)
trap 'rm -rf "$work"' EXIT

export DEBIAN_FRONTEND=noninteractive
command -v qemu-aarch64-static >/dev/null || { apt-get update -qq && apt-get install -y -qq qemu-user-static; }

# An arm64 sysroot with Debian's node and the libraries it links (downloaded, not installed).
added=0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then dpkg --add-architecture arm64 && added=1; fi
apt-get update -qq
mkdir -p "$work/debs" && chmod 755 "$work" && chmod 777 "$work/debs"
(cd "$work/debs" && apt-get download -q nodejs:arm64 libnode108:arm64 libuv1:arm64 libicu72:arm64 libssl3:arm64 \
  libbrotli1:arm64 libc-ares2:arm64 libnghttp2-14:arm64 zlib1g:arm64 libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 \
  node-cjs-module-lexer node-acorn node-undici >/dev/null)
if [ "$added" = 1 ]; then dpkg --remove-architecture arm64 && apt-get update -qq; fi
for d in "$work"/debs/*.deb; do dpkg -x "$d" "$work/sysroot"; done
arm_node=(qemu-aarch64-static -L "$work/sysroot" "$work/sysroot/usr/bin/node")

# A consumer project with the tarball, and a damaged stream (forbidden_zero_bit, H.264 7.4.1).
mkdir "$work/app" && cd "$work/app"
echo '{"name":"consumer","version":"1.0.0","private":true,"type":"module"}' > package.json
npm install --prefer-offline --no-audit --no-fund "$tarball" >/dev/null
node -e "const fs=require('fs');const b=fs.readFileSync('node_modules/mirror-inspect/samples/sample.h264');let i=20000;while(!(b[i]===0&&b[i+1]===0&&b[i+2]===1))i++;b[i+3]|=0x80;fs.writeFileSync('bad.h264',b)"
cat > reports.mjs <<'EOF'
import { Worker } from 'node:worker_threads';
import { validateFile, addonInfo } from 'mirror-inspect';
const files = ['node_modules/mirror-inspect/samples/sample.h264', 'node_modules/mirror-inspect/samples/sample.hevc', 'bad.h264'];
const main = [];
for (const f of files) main.push(await validateFile(f));
const worker = await new Promise((resolve, reject) => {
  const w = new Worker(`const { parentPort, workerData } = require('node:worker_threads');
import('mirror-inspect').then(async (m) => { const out = []; for (const f of workerData) out.push(await m.validateFile(f)); parentPort.postMessage({ info: m.addonInfo(), out }); });`, { eval: true, workerData: files });
  w.once('message', resolve);
  w.once('error', reject);
});
console.log(JSON.stringify({ arch: process.arch, node: process.version, addon: addonInfo(), worker: worker.info, main, inWorker: worker.out }));
EOF
node reports.mjs > x64.json
qemu-x86_64-static -cpu Nehalem "$(command -v node)" reports.mjs > x64-noavx.json
"${arm_node[@]}" reports.mjs > arm64.json
node -e "
const read = (f) => JSON.parse(require('fs').readFileSync(f, 'utf8'));
const [a, n, b] = ['x64.json', 'x64-noavx.json', 'arm64.json'].map(read);
const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
for (const [what, r] of [['host CPU', a], ['x86-64 without AVX', n], ['arm64', b]]) {
  console.log(what + ':', r.node, r.arch, r.addon.path.replace(/.*node_modules\//, ''), 'scanner', r.addon.scanner, '| worker', r.worker.path === r.addon.path ? 'same binary' : r.worker.path);
}
console.log('verdicts', b.main.map((r) => r.file.replace(/.*\//, '') + ' ' + r.verdict + ' (' + r.frames + ' frames, ' + r.issues.length + ' issues)').join('; '));
const fail = (m) => { console.error(m); process.exit(1); };
if (!b.addon.path.includes('prebuilds/linux-arm64/')) fail('arm64 did not load the arm64 prebuild');
if (n.addon.scanner === 'avx2') fail('the AVX2 scanner was chosen on a CPU without AVX2');
for (const r of [a, n, b]) if (!same(a.main, r.main) || !same(r.main, r.inWorker)) fail('reports differ between CPUs or threads');
console.log('prebuilds: the same reports on the host x64 CPU, on x86-64 without AVX and on arm64, main thread and worker');
"

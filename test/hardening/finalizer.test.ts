import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../helpers/fixtures.js';

// Bound on RSS growth from round 5 to round 20 (75k inspectors created and dropped after the
// heap has reached its working size). A leak of the native state (tens of KB per inspector) or of
// its JS output arrays (15 KB) would grow RSS by more than 1 GB over those rounds.
const GROWTH_BOUND = 48 * 2 ** 20;

test('finalizers free dropped inspectors: 100k created and dropped, RSS flat (--expose-gc)', () => {
  const child = fileURLToPath(new URL('./finalizer-child.js', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', child, join(ROOT, 'test', 'fixtures', 'h264_gop25.264')], {
    env: { ...process.env, MI_FINALIZER_CHILD: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const { created, rss } = JSON.parse(r.stdout.trim()) as { created: number; rss: number[] };
  assert.equal(created, 100_000);
  const growth = rss[rss.length - 1] - rss[4];
  assert.ok(growth < GROWTH_BOUND, `RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB from round 5 to 20: ${rss.map((b) => (b / 2 ** 20).toFixed(0)).join(' ')}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfigYaml } from '../../../src/config/load-config.js';
import { RecoveryConfigSchema } from '../../../src/config/schema.js';

test('the YAML example in docs/recovery.md is valid and equals the defaults', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../../docs/recovery.md', import.meta.url)), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(yaml, 'no yaml block in docs/recovery.md');
  const fromDoc = parseConfigYaml(yaml, 'docs/recovery.md');
  const defaults = RecoveryConfigSchema.parse({});
  assert.deepEqual(fromDoc, defaults);
});

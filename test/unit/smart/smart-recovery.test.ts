import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThompsonBandit } from '../../../src/smart/thompson-bandit.js';
import { SmartRecovery } from '../../../src/smart/smart-recovery.js';
import { ErrorSequence, patternKey } from '../../../src/smart/pattern.js';
import { seededRandom, type Random } from '../../../src/recover/random.js';
import { FixedActionStrategy } from '../../../src/recover/strategies/fixed-action.js';
import { streamError } from '../helpers/fake-stream.js';

const ARMS = ['repair', 'drop', 'reset'];

/** Runs a policy against Bernoulli arms with known rates; returns the pseudo-regret. */
function simulate(
  rates: (step: number) => number[],
  steps: number,
  choose: (step: number) => number,
  learn: (arm: number, success: boolean) => void,
  env: Random,
): number {
  let regret = 0;
  for (let t = 0; t < steps; t++) {
    const p = rates(t);
    const arm = choose(t);
    regret += Math.max(...p) - p[arm]!;
    learn(arm, env() < p[arm]!);
  }
  return regret;
}

test('Thompson sampling regret is far below a uniform-random policy (stationary rates)', () => {
  const rates = () => [0.3, 0.5, 0.8];
  const bandit = new ThompsonBandit({ random: seededRandom(11), discount: 0.995, confidenceSamples: 50 });
  const ts = simulate(
    rates,
    3000,
    () => ARMS.indexOf(bandit.choose('p', ARMS).arm),
    (arm, ok) => bandit.update('p', ARMS[arm]!, ok),
    seededRandom(12),
  );
  const pick = seededRandom(13);
  const uniform = simulate(rates, 3000, () => Math.floor(pick() * 3), () => {}, seededRandom(12));
  assert.ok(uniform > 700 && uniform < 900, `uniform regret ${uniform}`); // expectation 3000 × 0.267 = 800
  assert.ok(ts < uniform * 0.15, `TS regret ${ts} vs uniform ${uniform}`);
});

test('the discount lets it follow a change of the best arm (post-change regret)', () => {
  const rates = (t: number) => (t < 2000 ? [0.8, 0.5, 0.2] : [0.2, 0.5, 0.8]);
  const postChangeRegret = (discount: number): number => {
    let regret = 0;
    const again = new ThompsonBandit({ random: seededRandom(5), discount, confidenceSamples: 1 });
    const env = seededRandom(105);
    for (let t = 0; t < 4000; t++) {
      const p = rates(t);
      const arm = ARMS.indexOf(again.choose('p', ARMS).arm);
      if (t >= 2000) regret += Math.max(...p) - p[arm]!;
      again.update('p', ARMS[arm]!, env() < p[arm]!);
    }
    return regret;
  };
  const discounted = postChangeRegret(0.995);
  const undiscounted = postChangeRegret(1);
  assert.ok(discounted < 150, `discounted post-change regret ${discounted}`);
  assert.ok(discounted < undiscounted / 3, `discounted ${discounted} vs undiscounted ${undiscounted}`);
});

test('discounting multiplies every arm of the context by γ on each update', () => {
  const b = new ThompsonBandit({ random: seededRandom(1), discount: 0.5 });
  b.update('c', 'x', true);
  b.update('c', 'y', false);
  b.update('c', 'x', true);
  assert.deepEqual(b.evidence('c', 'x'), { successes: 1.25, failures: 0 });
  assert.deepEqual(b.evidence('c', 'y'), { successes: 0, failures: 0.5 });
  assert.deepEqual(b.evidence('other', 'x'), { successes: 0, failures: 0 });
  assert.equal(b.mean('c', 'x'), 2.25 / 3.25);
});

test('P(best) is reported as confidence: high for a clear winner, 1 for a single arm', () => {
  const b = new ThompsonBandit({ random: seededRandom(2), discount: 1, confidenceSamples: 400 });
  for (let i = 0; i < 50; i++) {
    b.update('c', 'good', true);
    b.update('c', 'bad', false);
  }
  const choice = b.choose('c', ['good', 'bad']);
  assert.equal(choice.arm, 'good');
  assert.equal(choice.confidence, 1);
  assert.equal(b.choose('c', ['only']).confidence, 1);
  const fresh = b.choose('new', ['a', 'b']);
  assert.ok(fresh.confidence > 0.4 && fresh.confidence < 0.6, `${fresh.confidence}`);
});

test('history is serialisable and restores to the same posteriors', () => {
  const b = new ThompsonBandit({ random: seededRandom(1) });
  b.update('c', 'x', true);
  b.update('c', 'y', false);
  const snap = JSON.parse(JSON.stringify(b.toJSON()));
  const restored = new ThompsonBandit({ random: seededRandom(1), initial: snap });
  assert.deepEqual(restored.toJSON(), b.toJSON());
  assert.equal(restored.discount, 0.995);
});

test('pattern = type + severity + the stream\'s recent error types', () => {
  const seq = new ErrorSequence(2);
  assert.equal(patternKey(seq.patternFor('timeout', 'high')), 'timeout/high[]');
  seq.push('packet_loss');
  seq.push('timeout');
  seq.push('frame_corruption');
  assert.equal(patternKey(seq.patternFor('frame_corruption', 'medium')), 'frame_corruption/medium[timeout,frame_corruption]');
});

function fixed(name: string, severities: ('low' | 'medium' | 'high')[]) {
  return new FixedActionStrategy({
    name,
    priority: 1,
    types: ['frame_corruption'],
    severities,
    action: () => ({ kind: 'none', reason: name }),
    message: name,
  });
}

test('SmartRecovery: only the eligible candidates compete; patterns differ per stream history', () => {
  const smart = new SmartRecovery({ random: seededRandom(4) });
  const lowOnly = fixed('repair', ['low']);
  const mediumOnly = fixed('drop', ['medium']);
  const err = streamError('frame_corruption', 'medium');
  const eligible = [lowOnly, mediumOnly].filter((s) => s.canHandle(err));
  for (let i = 0; i < 20; i++) assert.equal(smart.choose(err, eligible).strategy.name, 'drop');
  const first = smart.choose(streamError('timeout', 'low', {}, 'other'), [mediumOnly]);
  assert.equal(first.pattern, 'timeout/low[]');
  const again = smart.choose(streamError('frame_corruption', 'medium', {}, 'other'), [mediumOnly]);
  assert.equal(again.pattern, 'frame_corruption/medium[timeout]');
});

test('SmartRecovery learns per pattern and round-trips through JSON', () => {
  const smart = new SmartRecovery({ random: seededRandom(9) });
  const a = fixed('a', ['medium']);
  const b = fixed('b', ['medium']);
  const err = streamError('frame_corruption', 'medium', {}, 'x');
  let chosenA = 0;
  for (let i = 0; i < 200; i++) {
    const c = smart.choose(err, [a, b]);
    if (c.strategy.name === 'a') chosenA++;
    smart.record(c.pattern, c.strategy.name, c.strategy.name === 'b');
  }
  const pattern = 'frame_corruption/medium[frame_corruption,frame_corruption]';
  assert.ok(chosenA < 20, `the failing strategy was chosen ${chosenA} times`);
  assert.ok(smart.expectedSuccess(pattern, 'b') > 0.9);
  assert.ok(smart.expectedSuccess(pattern, 'a') < smart.expectedSuccess(pattern, 'b'));
  const restored = new SmartRecovery({ random: seededRandom(9), initial: JSON.parse(JSON.stringify(smart.toJSON())) });
  assert.deepEqual(restored.toJSON(), smart.toJSON());
  assert.equal(restored.choose(err, [a, b]).strategy.name, 'b');
});

import { strict as assert } from 'node:assert';
import type { PairScorer } from '../../src/core/check';
import type { NliPair, NliScore } from '../../src/core/nli';
import { EngineGate } from '../../src/server/engine-gate';
import { fakeScore } from '../helpers/in-process-server';

/** Records the order of calls and keeps each open until finished by hand. */
class ManualScorer implements PairScorer {
  readonly modelName = 'manual';
  readonly calls: Array<{ pairs: NliPair[]; finish: () => void }> = [];
  active = 0;
  maxActive = 0;
  score(pairs: NliPair[]): Promise<NliScore[]> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) =>
      this.calls.push({
        pairs,
        finish: () => {
          this.active--;
          resolve(pairs.map(() => fakeScore(false)));
        },
      }),
    );
  }
}

const pair = (name: string): NliPair[] => [{ premise: name, hypothesis: name }];
const tick = () => new Promise((r) => setImmediate(r));

describe('EngineGate', () => {
  it('lets one engine call run at a time and keeps the model name', async () => {
    const engine = new ManualScorer();
    const gate = new EngineGate(engine);
    assert.equal(gate.scorerFor('background').modelName, 'manual');
    const done = [gate.scorerFor('background').score(pair('a')), gate.scorerFor('background').score(pair('b'))];
    await tick();
    assert.equal(engine.calls.length, 1);
    engine.calls[0].finish();
    await tick();
    engine.calls[1].finish();
    assert.equal((await Promise.all(done)).length, 2);
    assert.equal(engine.maxActive, 1);
  });

  it('hands the engine to waiting interactive callers before background ones', async () => {
    const engine = new ManualScorer();
    const gate = new EngineGate(engine);
    const order: string[] = [];
    const call = (priority: 'interactive' | 'background', name: string) =>
      gate
        .scorerFor(priority)
        .score(pair(name))
        .then(() => order.push(name));
    const all = [call('background', 'sweep 1'), call('background', 'sweep 2'), call('interactive', 'typing')];
    for (let i = 0; i < 3; i++) {
      await tick();
      engine.calls[i].finish();
    }
    await Promise.all(all);
    assert.deepEqual(order, ['sweep 1', 'typing', 'sweep 2']);
  });

  it('a failed call releases the gate', async () => {
    const failing: PairScorer = { modelName: 'x', score: async () => Promise.reject(new Error('boom')) };
    const gate = new EngineGate(failing);
    await assert.rejects(gate.scorerFor('interactive').score(pair('a')), /boom/);
    await assert.rejects(gate.scorerFor('interactive').score(pair('b')), /boom/);
  });
});

import assert from 'node:assert/strict';
import { Random, simulate, type Context, type Node } from '../../../src/kernel';
import { buildModel, eventsIn } from '../../../src/webview/diagram/model';
import { lowerBound, upperBound } from '../../../src/webview/diagram/window';

/** Broadcasts on a jittered timer over a lossy, slow-tailed network: a dense run with long arrows. */
class Chatter implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('tick', 5);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ctx.broadcast({ type: 'chat' });
    this.ctx.setTimer('tick', 5 + this.ctx.random() * 10);
  }
}

describe('diagram model: the visible-window index', () => {
  it('finds the first position at or after, and after, a value among duplicates', () => {
    const v = [1, 2, 2, 2, 5];
    assert.deepEqual(
      [lowerBound(v, 2), upperBound(v, 2), lowerBound(v, 0), upperBound(v, 9), lowerBound(v, 3)],
      [1, 4, 0, 5, 4],
    );
  });

  it('returns exactly the events and arrows in range on a 100 k-event trace', () => {
    const result = simulate({
      program: Chatter,
      nodes: ['n1', 'n2', 'n3', 'n4', 'n5'],
      network: { latency: { min: 1, max: 8 }, tail: { p: 0.02, min: 100, max: 900 }, loss: 0.05, duplicate: 0.01 },
      faults: [{ at: 1000, kind: 'crash', node: 'n2' }],
      duration: 28_000,
      seed: 3,
      trace: true,
    });
    const model = buildModel(result.trace!);
    assert.ok(model.count >= 100_000, `${model.count} events`);
    const rng = new Random(1, 'windows');
    const a = model.arrows;
    for (let q = 0; q < 40; q++) {
      const from = rng.between(-50, model.endTime);
      const to = from + rng.between(0, q % 4 === 0 ? 3000 : 40);
      const { lo, hi } = eventsIn(model, from, to);
      const expected: number[] = [];
      for (let i = 0; i < model.count; i++) if (model.times[i]! >= from && model.times[i]! <= to) expected.push(i);
      assert.deepEqual(
        [lo, hi],
        expected.length === 0 ? [lo, lo] : [expected[0], expected.at(-1)! + 1],
        `events in [${from}, ${to}]`,
      );
      const seen: number[] = [];
      a.index.forEachIn(from, to, (k) => seen.push(k));
      const wanted: number[] = [];
      for (let k = 0; k < a.count; k++) if (a.t0[k]! <= to && a.t1[k]! >= from) wanted.push(k);
      assert.deepEqual(
        seen.sort((x, y) => x - y),
        wanted,
        `arrows meeting [${from}, ${to}]`,
      );
    }
  });
});

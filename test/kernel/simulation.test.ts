import assert from 'node:assert/strict';
import { simulate, type Context, type Node, type RunSpec } from '../../src/kernel';

class Gossip implements Node {
  private seen = 0;
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('tick', 10);
  }
  onMessage(): void {
    this.seen++;
  }
  onTimer(): void {
    this.ctx.broadcast({ type: 'gossip', seen: this.seen, r: Math.random() });
    this.ctx.setTimer('tick', 10 + this.ctx.random() * 5);
  }
}

const spec = (over: Partial<RunSpec> = {}): RunSpec => ({
  program: Gossip,
  nodes: ['n1', 'n2', 'n3'],
  network: { latency: { min: 1, max: 20 }, loss: 0.1, duplicate: 0.05 },
  faults: [
    { at: 100, kind: 'crash', node: 'n2' },
    { at: 200, kind: 'restart', node: 'n2' },
  ],
  duration: 1000,
  seed: 7,
  trace: true,
  ...over,
});

describe('simulation', () => {
  it('gives the same trace hash for the same program, scenario and seed', () => {
    assert.equal(simulate(spec()).trace!.hash(), simulate(spec()).trace!.hash());
  });

  it('gives a different trace for a different seed', () => {
    assert.notEqual(simulate(spec()).trace!.hash(), simulate(spec({ seed: 8 })).trace!.hash());
  });

  it('refuses a workload request to an unknown node, naming it', () => {
    assert.throws(
      () => simulate(spec({ workload: [{ at: 5, to: 'n9', msg: { type: 'req' } }] })),
      /^Error: workload names unknown node "n9"$/,
    );
  });

  it('refuses a fault naming an unknown node, naming it', () => {
    assert.throws(
      () => simulate(spec({ faults: [{ at: 5, kind: 'crash', node: 'n9' }] })),
      /^Error: fault schedule names unknown node "n9"$/,
    );
  });

  it('ends at the scenario duration, and ignores events scheduled after it', () => {
    const result = simulate(spec({ faults: [{ at: 2000, kind: 'crash', node: 'n1' }] }));
    assert.equal(result.endTime, 1000);
    assert.equal([...result.trace!.ofKind('crash')].length, 0);
    assert.ok([...result.trace!.events()].every((e) => e.time <= 1000));
  });

  it('restores Math.random and Date.now after a run', () => {
    const random = Math.random;
    const now = Date.now;
    simulate(spec());
    assert.equal(Math.random, random);
    assert.equal(Date.now, now);
  });
});

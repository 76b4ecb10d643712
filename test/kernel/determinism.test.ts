import assert from 'node:assert/strict';
import { holdSimulatedGlobals, openSession, type Context, type Node, type NodeClass } from '../../src/kernel';
import { logsOf, onStartOf, run, spec } from './helpers';

/** Logs what the ambient sources say at true time 100 on a clock skewed by 500 ms. */
class Ambient implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('t', 100);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ctx.log(performance.now(), Date.now(), new Date().toISOString());
  }
}

const globalsNow = () => {
  const g = globalThis as Record<string, unknown>;
  return {
    random: Math.random,
    Date: g.Date,
    performance: g.performance,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    setImmediate: g.setImmediate,
  };
};

describe('ambient nondeterminism inside handlers', () => {
  it("makes Math.random the node's own seeded stream, the one ctx.random draws from", () => {
    const draws = (pick: (ctx: Context) => number): NodeClass =>
      onStartOf('n1', (ctx) => ctx.log([pick(ctx), pick(ctx), pick(ctx)]));
    const viaMath = logsOf(run(draws(() => Math.random())).trace, 'n1');
    assert.deepEqual(logsOf(run(draws(() => Math.random())).trace, 'n1'), viaMath, 'the same in every run');
    assert.deepEqual(logsOf(run(draws((ctx) => ctx.random())).trace, 'n1'), viaMath);
    assert.notDeepEqual(
      logsOf(
        run(
          draws(() => Math.random()),
          { seed: 2 },
        ).trace,
        'n1',
      ),
      viaMath,
    );
  });

  it("reads Date.now, new Date() and performance.now from the node's local clock", () => {
    const { trace } = run(Ambient, { nodes: ['n1'], clocks: { n1: { skewMs: 500 } } });
    assert.deepEqual(logsOf(trace, 'n1'), ['600 1704067200600 2024-01-01T00:00:00.600Z']);
  });

  it("reads the clock of the run a handler is in when runs nest, and the outer run's again after the inner one", () => {
    let inner: string[] = [];
    class Outer implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        this.ctx.setTimer('t', 100);
      }
      onMessage(): void {}
      onTimer(): void {
        const before = Date.now();
        inner = logsOf(run(Ambient, { nodes: ['n1'], clocks: { n1: { skewMs: 500 } } }).trace, 'n1');
        this.ctx.log(before, Date.now(), performance.now());
      }
    }
    const { trace } = run(Outer, { nodes: ['n1'], clocks: { n1: { skewMs: 20 } } });
    assert.deepEqual(inner, ['600 1704067200600 2024-01-01T00:00:00.600Z']);
    assert.deepEqual(logsOf(trace, 'n1'), ['1704067200120 1704067200120 120']);
  });

  it('reads Date.now in whole milliseconds, as a real clock does, while performance.now keeps the fraction', () => {
    const { trace } = run(Ambient, { nodes: ['n1'], clocks: { n1: { skewMs: 0.75 } } });
    assert.deepEqual(logsOf(trace, 'n1'), ['100.75 1704067200100 2024-01-01T00:00:00.100Z']);
  });

  it('leaves a Date built from arguments alone', () => {
    const { trace } = run(onStartOf('n1', (ctx) => ctx.log(new Date(Date.UTC(2000, 0, 1)).toISOString())));
    assert.deepEqual(logsOf(trace, 'n1'), ['2000-01-01T00:00:00.000Z']);
  });

  it('refuses setTimeout, setInterval and setImmediate with a pointer to ctx.setTimer', () => {
    for (const call of [
      () => setTimeout(() => undefined, 10),
      () => setInterval(() => undefined, 10),
      () => setImmediate(() => undefined),
    ]) {
      const { outcome } = run(onStartOf('n1', () => call()));
      assert.equal(outcome.status, 'threw');
      if (outcome.status === 'threw') {
        assert.equal(outcome.error.name, 'StudentApiError');
        assert.match(
          outcome.error.message,
          /is not available in a simulated node: .* Use ctx\.setTimer\(name, ms\)\.$/,
        );
      }
    }
  });

  it('restores every replaced global after a run, also when a handler throws', () => {
    const before = globalsNow();
    run(Ambient, { nodes: ['n1'] });
    assert.deepEqual(globalsNow(), before);
    const { outcome } = run(
      onStartOf('n1', () => {
        throw new Error('boom');
      }),
    );
    assert.equal(outcome.status, 'threw');
    assert.deepEqual(globalsNow(), before);
  });

  it('holds the replacements for a whole search: handlers see them, the host code between steps and after sees the real ones', () => {
    const names = ['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate'];
    const descriptors = () => names.map((n) => Object.getOwnPropertyDescriptor(globalThis, n));
    const before = globalsNow();
    const described = descriptors();
    const realNow = (): number => performance.now();
    holdSimulatedGlobals(() => {
      const session = openSession(spec(Ambient, { nodes: ['n1'], clocks: { n1: { skewMs: 500 } } }));
      session.step(); // onStart
      assert.equal(globalThis.Date, before.Date);
      assert.equal((globalThis as Record<string, unknown>).setTimeout, before.setTimeout);
      (globalThis as Record<string, unknown>).setInterval = before.setInterval;
      session.step(); // the timer: the handler reads the node's clock
      assert.equal(globalThis.Date, before.Date);
      assert.ok(Math.abs(performance.now() - realNow()) < 1000);
      assert.deepEqual(logsOf(session.trace!, 'n1'), ['600 1704067200600 2024-01-01T00:00:00.600Z']);
    });
    assert.deepEqual(globalsNow(), before);
    assert.deepEqual(descriptors(), described);
  });

  it('discards what a handler writes to a held global', () => {
    const before = globalsNow();
    holdSimulatedGlobals(() => {
      run(
        onStartOf('n1', () => {
          (globalThis as Record<string, unknown>).Date = 'overwritten';
        }),
      );
      assert.equal(globalThis.Date, before.Date);
    });
    assert.deepEqual(globalsNow(), before);
  });

  it('names the simulated Date "Date" in what a student sees', () => {
    const { trace } = run(onStartOf('n1', (ctx) => ctx.log(Date.name, new Date() instanceof Date)));
    assert.deepEqual(logsOf(trace, 'n1'), ['Date true']);
  });

  it('gives the same trace hash when a program reads the ambient sources', () => {
    class Noisy implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        this.ctx.setTimer('t', Math.random() * 50);
      }
      onMessage(): void {}
      onTimer(): void {
        this.ctx.broadcast({ type: 'x', r: Math.random(), at: Date.now(), p: performance.now() });
        this.ctx.setTimer('t', Math.random() * 50);
      }
    }
    const over = {
      network: { latency: { min: 1, max: 30 }, loss: 0.1, duplicate: 0.1 },
      clocks: { n2: { drift: 0.01 } },
    };
    assert.equal(run(Noisy, over).trace.hash(), run(Noisy, over).trace.hash());
  });
});

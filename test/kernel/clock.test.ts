import assert from 'node:assert/strict';
import { LocalClock, type Context, type Node } from '../../src/kernel';
import { events, logsOf, run } from './helpers';

const round = (x: number): number => Math.round(x * 1000) / 1000;

describe('clocks', () => {
  describe('LocalClock', () => {
    it('reads true time plus skew, scaled by 1 + drift', () => {
      const clock = new LocalClock(500, 0.1);
      assert.equal(clock.read(0), 500);
      assert.equal(round(clock.read(1000)), 1600);
    });

    it('steps and changes rate from the moment of the adjustment, continuously', () => {
      const clock = new LocalClock();
      clock.adjust(100, 50, 1);
      assert.equal(clock.read(100), 150);
      assert.equal(clock.read(110), 170);
      clock.adjust(200, 0, undefined);
      assert.equal(clock.read(210), 370, 'an adjustment without drift keeps the rate');
    });

    it('converts a local duration into the true time it takes', () => {
      assert.equal(new LocalClock(0, 1).toTrueDuration(100), 50);
      assert.equal(round(new LocalClock(0, -0.5).toTrueDuration(100)), 200);
    });
  });

  describe('in a run', () => {
    class Reporter implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        this.ctx.log(`start @${round(this.ctx.now())}`);
        this.ctx.setTimer('t', 110);
      }
      onMessage(): void {}
      onTimer(): void {
        this.ctx.log(`timer @${round(this.ctx.now())}`);
      }
    }

    it('starts each node with its configured skew and drift', () => {
      const { trace } = run(Reporter, {
        nodes: ['n1', 'n2', 'n3'],
        clocks: { n1: { skewMs: 500 }, n2: { drift: 0.1 } },
      });
      assert.deepEqual(logsOf(trace, 'n1'), ['start @500', 'timer @610']);
      assert.deepEqual(logsOf(trace, 'n2'), ['start @0', 'timer @110']);
      assert.deepEqual(logsOf(trace, 'n3'), ['start @0', 'timer @110']);
    });

    it('fires a timer on a drifting clock after the true time its local delay takes', () => {
      const { trace } = run(Reporter, {
        nodes: ['n1', 'n2', 'n3'],
        clocks: { n1: { drift: 0.1 }, n2: { drift: -0.5 } },
      });
      const at = Object.fromEntries(events(trace, 'timer').map((e) => [e.node, round(e.time)]));
      assert.deepEqual(at, { n1: 100, n2: 220, n3: 110 });
    });
  });
});

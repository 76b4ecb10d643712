import assert from 'node:assert/strict';
import { describeFault, describeTrigger, validateSchedule, type Context, type Node } from '../../src/kernel';
import { events, logsOf, run } from './helpers';

/** Counts ticks in a field and in storage; says what it remembers when it starts or recovers. */
class Counter implements Node {
  private ticks = 0;
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.log('start', this.ticks, this.ctx.storage.get<number>('ticks') ?? 0);
    this.ctx.setTimer('tick', 10);
  }
  onRecover(): void {
    this.ctx.log('recover', this.ticks, this.ctx.storage.get<number>('ticks') ?? 0);
    this.ctx.setTimer('tick', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ticks++;
    this.ctx.storage.set('ticks', this.ticks);
    this.ctx.setTimer('tick', 10);
  }
}

class CounterWithoutRecover implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.log('start');
  }
  onMessage(): void {}
  onTimer(): void {}
}

const only = (nodes: string[]) => ({ nodes });

describe('faults', () => {
  describe('crash and restart', () => {
    it('discards fields and timers on a crash and keeps ctx.storage', () => {
      const { trace } = run(Counter, {
        ...only(['n1']),
        duration: 200,
        faults: [
          { at: 55, kind: 'crash', node: 'n1' },
          { at: 100, kind: 'restart', node: 'n1' },
        ],
      });
      const timers = events(trace, 'timer').map((e) => e.time);
      assert.deepEqual(
        timers.filter((t) => t > 55 && t < 110),
        [],
        'no timer fires while down or from before the crash',
      );
      assert.deepEqual(timers.slice(0, 5), [10, 20, 30, 40, 50]);
      assert.ok(timers.includes(110), 'the recovered node runs its own timers');
      assert.deepEqual(logsOf(trace, 'n1'), ['start 0 0', 'recover 0 5']);
    });

    it('constructs a fresh instance on restart and runs onRecover, recorded as restart then recover', () => {
      const { trace } = run(Counter, {
        ...only(['n1']),
        duration: 200,
        faults: [
          { at: 55, kind: 'crash', node: 'n1' },
          { at: 100, kind: 'restart', node: 'n1' },
        ],
      });
      assert.deepEqual(
        events(trace)
          .filter((e) => ['start', 'crash', 'restart', 'recover'].includes(e.kind))
          .map((e) => `${e.time} ${e.kind}`),
        ['0 start', '55 crash', '100 restart', '100 recover'],
      );
    });

    it('runs onStart again after a restart when the program has no onRecover', () => {
      const { trace } = run(CounterWithoutRecover, {
        ...only(['n1']),
        faults: [
          { at: 5, kind: 'crash', node: 'n1' },
          { at: 10, kind: 'restart', node: 'n1' },
        ],
      });
      assert.deepEqual(logsOf(trace, 'n1'), ['start', 'start']);
    });

    it('ignores a crash of a node that is down and a restart of a node that is up', () => {
      const { trace } = run(Counter, {
        ...only(['n1']),
        duration: 100,
        faults: [
          { at: 5, kind: 'restart', node: 'n1' },
          { at: 20, kind: 'crash', node: 'n1' },
          { at: 30, kind: 'crash', node: 'n1' },
        ],
      });
      assert.deepEqual(
        events(trace)
          .filter((e) => e.kind === 'crash' || e.kind === 'restart')
          .map((e) => `${e.time} ${e.kind}`),
        ['20 crash'],
      );
    });
  });

  describe('pause', () => {
    /** n1 sends to n2 at 20, 30, 40; n2 has a timer at 50 and logs what it handles with its local time. */
    class Paused implements Node {
      private sent = 0;
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id === 'n1') this.ctx.setTimer('send', 20);
        else this.ctx.setTimer('own', 50);
      }
      onMessage(_from: string, msg: { type: string; k?: unknown }): void {
        this.ctx.log(`msg ${String(msg.k)} @${this.ctx.now()}`);
      }
      onTimer(name: string): void {
        if (name === 'send') {
          this.ctx.send('n2', { type: 'm', k: ++this.sent });
          if (this.sent < 3) this.ctx.setTimer('send', 10);
          return;
        }
        this.ctx.log(`timer ${name} @${this.ctx.now()}`);
      }
    }

    it('defers deliveries and timers until the node resumes, in order, while its clock keeps running', () => {
      const { trace } = run(Paused, {
        ...only(['n1', 'n2']),
        duration: 300,
        faults: [{ at: 10, kind: 'pause', node: 'n2', ms: 100 }],
      });
      assert.deepEqual(logsOf(trace, 'n2'), ['msg 1 @110', 'msg 2 @110', 'msg 3 @110', 'timer own @110']);
      const n2 = events(trace).filter((e) => e.node === 'n2' && e.kind !== 'log');
      assert.deepEqual(
        n2.map((e) => `${e.time} ${e.kind}`),
        ['0 start', '10 pause', '110 resume', '110 deliver', '110 deliver', '110 deliver', '110 timer'],
      );
      assert.deepEqual(
        events(trace, 'send').map((e) => e.time),
        [20, 30, 40],
        'the sender is not paused',
      );
    });

    it('records one resume, at the end of the longer pause, when pauses overlap', () => {
      const { trace } = run(Paused, {
        ...only(['n1', 'n2']),
        duration: 300,
        faults: [
          { at: 10, kind: 'pause', node: 'n2', ms: 50 },
          { at: 20, kind: 'pause', node: 'n2', ms: 100 },
        ],
      });
      assert.deepEqual(
        events(trace, 'resume').map((e) => `${e.time} ${e.node}`),
        ['120 n2'],
      );
      assert.deepEqual(logsOf(trace, 'n2'), ['msg 1 @120', 'msg 2 @120', 'msg 3 @120', 'timer own @120']);
    });

    it('records no resume for a node that crashed while paused', () => {
      const { trace } = run(Paused, {
        ...only(['n1', 'n2']),
        duration: 300,
        faults: [
          { at: 10, kind: 'pause', node: 'n2', ms: 100 },
          { at: 50, kind: 'crash', node: 'n2' },
        ],
      });
      assert.deepEqual(events(trace, 'resume'), []);
      assert.deepEqual(logsOf(trace, 'n2'), []);
    });
  });

  describe('afterSend trigger', () => {
    class Broadcaster implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id !== 'n1') return;
        this.ctx.broadcast({ type: 'a' });
        this.ctx.send('n2', { type: 'b' });
        this.ctx.log('after the sends');
      }
      onMessage(): void {}
      onTimer(): void {}
    }
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];

    it('crashes the node right after its n-th send, so the rest of the handler does not run', () => {
      const { trace, outcome } = run(Broadcaster, {
        nodes,
        faults: [{ afterSend: { node: 'n1', count: 2 }, kind: 'crash', node: 'n1' }],
      });
      assert.equal(outcome.status, 'completed');
      assert.deepEqual(
        events(trace, 'send').map((e) => e.peer),
        ['n2', 'n3'],
      );
      const kinds = events(trace)
        .filter((e) => e.node === 'n1')
        .map((e) => e.kind);
      assert.deepEqual(kinds, ['send', 'send', 'crash'], 'a node that crashed in onStart never started');
      assert.deepEqual(logsOf(trace, 'n1'), []);
    });

    it('counts only the sends of the given type when the trigger names one', () => {
      const { trace } = run(Broadcaster, {
        nodes,
        faults: [{ afterSend: { node: 'n1', count: 1, type: 'b' }, kind: 'crash', node: 'n1' }],
      });
      assert.deepEqual(
        events(trace, 'send').map((e) => `${e.data.type}>${e.peer}`),
        ['a>n2', 'a>n3', 'a>n4', 'a>n5', 'b>n2'],
      );
      assert.equal(events(trace, 'crash').length, 1);
      assert.deepEqual(logsOf(trace, 'n1'), []);
    });

    it('keeps a node crashed before its own start from starting; a restart runs its onRecover', () => {
      class SaysHello implements Node {
        constructor(private readonly ctx: Context) {}
        onStart(): void {
          this.ctx.log('start');
          if (this.ctx.id === 'n1') this.ctx.send('n2', { type: 'hello' });
        }
        onRecover(): void {
          this.ctx.log('recover');
        }
        onMessage(): void {}
        onTimer(): void {}
      }
      const { trace } = run(SaysHello, {
        nodes: ['n1', 'n2'],
        faults: [
          { afterSend: { node: 'n1', count: 1 }, kind: 'crash', node: 'n2' },
          { at: 30, kind: 'restart', node: 'n2' },
        ],
      });
      assert.deepEqual(logsOf(trace, 'n2'), ['recover']);
      assert.deepEqual(
        events(trace)
          .filter((e) => e.node === 'n2')
          .map((e) => `${e.time} ${e.kind}`),
        ['0 crash', '1 drop', '30 restart', '30 log', '30 recover'],
      );
    });

    it('applies any kind of fault, not only crashes', () => {
      const { trace } = run(Broadcaster, {
        nodes,
        faults: [{ afterSend: { node: 'n1', count: 1 }, kind: 'partition', groups: [['n1']] }],
      });
      // The first message was sent before the partition; it is cut on arrival, on n2's lane.
      assert.deepEqual(
        events(trace, 'drop').map((e) => `${e.node}>${e.peer} ${String(e.data)}`),
        ['n1>n3 partition', 'n1>n4 partition', 'n1>n5 partition', 'n1>n2 partition', 'n2>n1 partition'],
      );
      assert.deepEqual(logsOf(trace, 'n1'), ['after the sends']);
    });
  });

  describe('clock', () => {
    class Ticker implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        this.ctx.setTimer('t', 100);
      }
      onMessage(): void {}
      onTimer(): void {
        this.ctx.log(String(Math.round(this.ctx.now() * 1000) / 1000));
        this.ctx.setTimer('t', 100);
      }
    }

    it('steps the local clock and changes its rate; later timers run on the new rate', () => {
      const { trace } = run(Ticker, {
        ...only(['n1']),
        duration: 320,
        faults: [{ at: 150, kind: 'clock', node: 'n1', skewMs: 1000, drift: 0.5 }],
      });
      // At 150 the clock reads 1150 and runs 1.5× fast: the timer set at 100 still fires at true 200
      // (local 1225), the next one 100 local ms later, i.e. 66.7 true ms later.
      assert.deepEqual(logsOf(trace, 'n1'), ['100', '1225', '1325']);
      assert.deepEqual(
        events(trace, 'timer').map((e) => Math.round(e.time * 1000) / 1000),
        [100, 200, 266.667],
      );
    });

    it('records the clock fault on the node lane', () => {
      const fault = { at: 50, kind: 'clock', node: 'n1', skewMs: -20 } as const;
      const { trace } = run(Ticker, { ...only(['n1']), duration: 100, faults: [fault] });
      const e = events(trace, 'clock')[0];
      assert.deepEqual(e && [e.time, e.node, e.data], [50, 'n1', fault]);
      assert.deepEqual(logsOf(trace, 'n1'), ['80']);
    });
  });

  describe('validateSchedule', () => {
    const nodes = ['n1', 'n2', 'n3'];

    it('accepts a well-formed schedule', () => {
      assert.deepEqual(
        validateSchedule(
          [
            { at: 0, kind: 'crash', node: 'n1' },
            { at: 10, kind: 'restart', node: 'n1' },
            { afterSend: { node: 'n2', count: 3, type: 'vote' }, kind: 'pause', node: 'n2', ms: 50 },
            { at: 20, kind: 'partition', groups: [['n1'], ['n2', 'n3']], oneWay: true },
            { at: 30, kind: 'heal' },
            { at: 40, kind: 'clock', node: 'n3', drift: 0.01 },
            { at: 50, kind: 'lossBurst', rate: 0.5, ms: 100 },
            { at: 60, kind: 'delaySpike', extraMs: 30, ms: 100 },
          ],
          nodes,
        ),
        [],
      );
    });

    it('refuses what is not an array', () => {
      assert.deepEqual(validateSchedule({ at: 0, kind: 'heal' }, nodes), ['a fault schedule must be a JSON array']);
    });

    it('names the entry at fault and what is wrong with it', () => {
      const problems = validateSchedule(
        [
          { at: 0, kind: 'heal' },
          'crash n1',
          { kind: 'heal' },
          { at: 1, kind: 'crash', node: 'n9' },
          { at: 2, kind: 'explode' },
          { afterSend: { node: 'n7', count: 1 }, kind: 'heal' },
          { at: 3, kind: 'partition' },
        ],
        nodes,
      );
      assert.deepEqual(problems, [
        'fault #1: not an object',
        'fault #2: needs "at" (ms) or "afterSend"',
        'fault #3: unknown node "n9" (nodes: n1, n2, n3)',
        'fault #4: unknown kind "explode"',
        'fault #5: unknown node "n7" (nodes: n1, n2, n3)',
        'fault #6: partition needs "groups"',
      ]);
    });

    it('refuses a bridge that is in a group, unknown, or on a one-way partition', () => {
      assert.deepEqual(
        validateSchedule([{ at: 1, kind: 'partition', groups: [['n1'], ['n2']], bridge: 'n2' }], nodes),
        ['fault #0: the "bridge" must be in no group'],
      );
      assert.deepEqual(validateSchedule([{ at: 1, kind: 'partition', groups: [['n1']], bridge: 'n9' }], nodes), [
        'fault #0: unknown node "n9" (nodes: n1, n2, n3)',
      ]);
      assert.deepEqual(
        validateSchedule([{ at: 1, kind: 'partition', groups: [['n1'], ['n3']], oneWay: true, bridge: 'n2' }], nodes),
        ['fault #0: a one-way partition cannot have a "bridge"'],
      );
    });

    it('refuses partition groups that are not lists of nodes', () => {
      const problems = validateSchedule([{ at: 0, kind: 'partition', groups: ['n1', 'n2'] }], nodes);
      assert.equal(problems.length, 1);
      assert.match(problems[0] as string, /^fault #0: partition groups must be lists of nodes/);
    });

    it('refuses a fault whose numbers are missing or not numbers', () => {
      const problems = validateSchedule(
        [
          { at: 0, kind: 'pause', node: 'n1' },
          { at: 0, kind: 'lossBurst', rate: '50%', ms: 10 },
          { at: 0, kind: 'delaySpike', extraMs: 10 },
          { at: -5, kind: 'heal' },
          { afterSend: { node: 'n1' }, kind: 'heal' },
        ],
        nodes,
      );
      assert.deepEqual(problems, [
        'fault #0: pause needs "ms", a number ≥ 0',
        'fault #1: lossBurst needs "rate", a number ≥ 0',
        'fault #2: delaySpike needs "ms", a number ≥ 0',
        'fault #3: the trigger needs "at", a number ≥ 0',
        'fault #4: afterSend needs "count", a number ≥ 1',
      ]);
    });
  });

  describe('describeFault and describeTrigger', () => {
    it('describes each kind of fault in words', () => {
      assert.deepEqual(
        [
          describeFault({ kind: 'crash', node: 'n1' }),
          describeFault({ kind: 'restart', node: 'n2' }),
          describeFault({ kind: 'pause', node: 'n3', ms: 200 }),
          describeFault({ kind: 'partition', groups: [['n1'], ['n2', 'n3']] }),
          describeFault({ kind: 'partition', groups: [['n1'], ['n2']], oneWay: true }),
          describeFault({ kind: 'heal' }),
          describeFault({ kind: 'clock', node: 'n1', drift: 0.01 }),
          describeFault({ kind: 'lossBurst', rate: 0.25, ms: 500 }),
          describeFault({ kind: 'delaySpike', extraMs: 80, ms: 300 }),
        ],
        [
          'crash n1',
          'restart n2',
          'pause n3 for 200 ms',
          'partition {n1} | {n2,n3}',
          'partition {n1} -x-> {n2}',
          'heal the network',
          'clock of n1: step 0 ms, drift 0.01',
          'lose 25 % of messages for 500 ms',
          'delay messages by +80 ms for 300 ms',
        ],
      );
    });

    it('describes triggers with English ordinals', () => {
      assert.equal(describeTrigger({ at: 1500 }), 'at 1500 ms');
      assert.equal(describeTrigger({ afterSend: { node: 'n1', count: 1 } }), "after n1's 1st message send");
      assert.equal(describeTrigger({ afterSend: { node: 'n2', count: 2, type: 'vote' } }), "after n2's 2nd vote send");
      const ordinals = [3, 4, 11, 12, 13, 21, 22, 23, 111].map(
        (count) => describeTrigger({ afterSend: { node: 'n1', count } }).split(' ')[2],
      );
      assert.deepEqual(ordinals, ['3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '111th']);
    });
  });
});

import assert from 'node:assert/strict';
import { concreteRun, loadSubmission, runAndCheck, runSpecOf } from '../../src/grader';
import {
  openSession,
  simulate,
  type Context,
  type Node,
  type RunSpec,
  type Session,
  type Trace,
} from '../../src/kernel';
import { exercises } from '../../lessons/catalog';
import { gossipSpec } from '../browser/determinismRuns';
import { referenceSolution } from '../exercises/solutions';
import { events, logsOf, onStartOf, spec } from './helpers';

/** Steps a session to its end with the default choice, then lets runToEnd return the result. */
function stepToEnd(session: Session): { steps: number; trace: Trace } {
  let steps = 0;
  while (session.step() !== undefined) steps++;
  assert.equal(session.done, true);
  return { steps, trace: session.runToEnd().trace as Trace };
}

/** n1 sends "a" then "b" to n2 in onStart, and sets a timer at 10; n2 logs what arrives and when. */
class Sender implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id !== 'n1') return;
    this.ctx.send('n2', { type: 'a' });
    this.ctx.send('n2', { type: 'b' });
    this.ctx.setTimer('later', 10);
  }
  onMessage(from: string, msg: { type: string }): void {
    this.ctx.log(`${msg.type} from ${from} at ${this.ctx.now()}`);
  }
  onTimer(name: string): void {
    this.ctx.log(`timer ${name} at ${this.ctx.now()}`);
  }
}

const twoNodes = (over: Partial<RunSpec> = {}): RunSpec => spec(Sender, { nodes: ['n1', 'n2'], ...over });

/** Opens a session and runs both starts. */
function started(over: Partial<RunSpec> = {}): Session {
  const session = openSession(twoNodes(over));
  assert.deepEqual(
    session
      .pending()
      .slice(0, 2)
      .map((e) => `${e.kind} ${e.node}`),
    ['start n1', 'start n2'],
  );
  session.step();
  session.step();
  return session;
}

describe('sessions', () => {
  describe('stepping in time order', () => {
    for (const seed of [1, 2, 3]) {
      it(`gives the gossip run's trace hash, step by step, as runToEnd and simulate do (seed ${seed})`, () => {
        const whole = simulate(gossipSpec(seed));
        const { steps, trace } = stepToEnd(openSession(gossipSpec(seed)));
        assert.equal(trace.hash(), whole.trace!.hash());
        assert.equal(openSession(gossipSpec(seed)).runToEnd().trace!.hash(), whole.trace!.hash());
        assert.ok(steps > 1000, `${steps} steps`);
      });
    }

    for (const exercise of exercises) {
      it(`gives the trace hash of runAndCheck on ${exercise.id}'s reference solution, every scenario, seed 1`, () => {
        const { source, file } = referenceSolution(exercise.id);
        const loaded = loadSubmission(exercise, source, file);
        for (const scenario of loaded.exercise.scenarios) {
          const request = { exercise: loaded.exercise, scenario, program: loaded.program, seed: 1, file };
          const { trace } = stepToEnd(openSession(runSpecOf(request, concreteRun(request))));
          assert.equal(trace.hash(), runAndCheck(request).trace.hash(), scenario.name);
        }
      });
    }

    it('returns each event it ran, with the time it ran at as the session clock', () => {
      const session = openSession(twoNodes());
      const ran = [];
      for (let e = session.step(); e !== undefined; e = session.step())
        ran.push(`${e.time} ${e.kind} ${e.node} ${e.type ?? e.timer ?? ''}`.trim());
      assert.deepEqual(ran, ['0 start n1', '0 start n2', '1 deliver n2 a', '1 deliver n2 b', '10 timer n1 later']);
      assert.equal(session.now, 10);
      assert.equal(session.runToEnd().endTime, 1000);
    });

    it('puts the real Math.random and Date back between steps', () => {
      const { random } = Math;
      const RealDate = Date;
      const session = openSession(gossipSpec(1));
      session.step();
      assert.equal(Math.random, random);
      assert.equal(Date, RealDate);
    });
  });

  describe('pending events', () => {
    it('lists the starts, then each delivery with its sender and message, and each live timer, earliest first', () => {
      const session = started();
      assert.deepEqual(
        session.pending().map(({ kind, time, node, from, type, timer }) => ({ kind, time, node, from, type, timer })),
        [
          { kind: 'deliver', time: 1, node: 'n2', from: 'n1', type: 'a', timer: undefined },
          { kind: 'deliver', time: 1, node: 'n2', from: 'n1', type: 'b', timer: undefined },
          { kind: 'timer', time: 10, node: 'n1', from: undefined, type: undefined, timer: 'later' },
        ],
      );
    });

    it("lists faults with the fault itself; a crashed node's deliveries stay listed, and drop when run", () => {
      const session = started({ faults: [{ at: 0, kind: 'crash', node: 'n2' }] });
      const [crash] = session.pending();
      assert.deepEqual(crash && [crash.kind, crash.node, crash.fault], [
        'fault',
        'n2',
        { at: 0, kind: 'crash', node: 'n2' },
      ]);
      session.step();
      assert.deepEqual(
        session.pending().map((e) => `${e.kind} ${e.node}`),
        ['deliver n2', 'deliver n2', 'timer n1'],
      );
      const trace = session.runToEnd().trace!;
      assert.deepEqual(
        events(trace, 'drop').map((e) => String(e.data)),
        ['n2 is down', 'n2 is down'],
      );
    });

    it('leaves out a cancelled timer', () => {
      const session = openSession(
        spec(
          onStartOf('n1', (ctx) => {
            ctx.setTimer('kept', 3);
            ctx.setTimer('cancelled', 2);
            ctx.cancelTimer('cancelled');
          }),
        ),
      );
      session.step();
      assert.deepEqual(
        session.pending().map((e) => `${e.kind} ${e.node} ${e.timer ?? ''}`.trim()),
        ['start n2', 'start n3', 'timer n1 kept'],
      );
    });

    it('leaves out what a paused node would only defer until its resume', () => {
      const session = started({ faults: [{ at: 0, kind: 'pause', node: 'n2', ms: 5 }] });
      session.step(); // the pause
      assert.deepEqual(
        session.pending().map((e) => `${e.time} ${e.kind} ${e.node}`),
        ['5 resume n2', '10 timer n1'],
      );
      assert.equal(session.step()?.kind, 'resume', 'the deferred deliveries are handled on the way, out of sight');
      assert.deepEqual(
        session.pending().map((e) => `${e.time} ${e.kind} ${e.type ?? e.timer}`),
        ['5 deliver a', '5 deliver b', '10 timer later'],
      );
    });

    it('copies what it describes, so a description stays valid while the run goes on', () => {
      const session = started();
      const before = session.pending();
      const copy = JSON.parse(JSON.stringify(before)) as unknown;
      stepToEnd(session);
      assert.deepEqual(JSON.parse(JSON.stringify(before)), copy);
    });

    it('is empty, and the session done, once nothing is left by the duration', () => {
      const session = openSession(twoNodes({ duration: 5 }));
      stepToEnd(session);
      assert.deepEqual(session.pending(), []);
      assert.equal(session.step(), undefined);
    });
  });

  describe('chosen steps', () => {
    it('runs the delivery chosen first, ahead of one sent earlier', () => {
      const session = started();
      const [a, b] = session.pending();
      assert.equal(session.step(b!.id)?.type, 'b');
      session.step(a!.id);
      assert.deepEqual(logsOf(session.runToEnd().trace!, 'n2'), ['b from n1 at 1', 'a from n1 at 1']);
    });

    it('runs an event due earlier than one already chosen at the session clock: time never goes back', () => {
      const session = started();
      const timer = session.pending().find((e) => e.kind === 'timer')!;
      session.step(timer.id);
      assert.equal(session.now, 10);
      while (session.step() !== undefined);
      const trace = session.runToEnd().trace!;
      assert.deepEqual(logsOf(trace, 'n2'), ['a from n1 at 10', 'b from n1 at 10']);
      assert.deepEqual(
        events(trace, 'deliver').map((e) => e.time),
        [10, 10],
      );
    });

    it('gives the same trace for the same choices', () => {
      const chooseLast = (): string => {
        const session = openSession(gossipSpec(4));
        for (let i = 0; i < 500 && !session.done; i++) session.step(session.pending().at(-1)!.id);
        return session.runToEnd().trace!.hash();
      };
      const hash = chooseLast();
      assert.equal(chooseLast(), hash);
      assert.notEqual(hash, simulate(gossipSpec(4)).trace!.hash());
    });

    it('can crash a node before it starts: its start is no longer enabled', () => {
      const session = openSession(twoNodes({ faults: [{ at: 0, kind: 'crash', node: 'n2' }] }));
      const crash = session.pending().find((e) => e.kind === 'fault')!;
      session.step(crash.id);
      assert.deepEqual(
        session.pending().map((e) => `${e.kind} ${e.node}`),
        ['start n1'],
      );
      assert.deepEqual(
        events(session.runToEnd().trace!, 'start').map((e) => e.node),
        ['n1'],
      );
    });

    it('refuses an id that names no enabled event', () => {
      const session = started();
      assert.throws(
        () => session.step(9999),
        /^Error: step\(9999\): no enabled event has that id; pending\(\) lists them$/,
      );
    });
  });
});

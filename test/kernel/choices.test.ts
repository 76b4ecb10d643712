import assert from 'node:assert/strict';
import {
  openChoiceSession,
  Random,
  replayChoices,
  type Choice,
  type ChoiceSession,
  type Context,
  type FaultBudget,
  type Node,
  type Trace,
} from '../../src/kernel';
import { events, spec } from './helpers';

/**
 * On start every node tells each peer hello and sets a "tick" timer; a hello is counted and
 * stored, a tick tells the peers again. Counting makes the order of arrivals invisible.
 */
class Counter implements Node {
  private heard = 0;
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.broadcast({ type: 'hello', from: this.ctx.id });
    this.ctx.setTimer('tick', 100 + this.ctx.random() * 100);
  }
  onMessage(): void {
    this.heard++;
    this.ctx.storage.set('heard', this.heard);
  }
  onTimer(): void {
    this.ctx.broadcast({ type: 'hello', from: this.ctx.id });
  }
}

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };
const counterSpec = spec(Counter, { nodes: ['n1', 'n2'] });

const describe_ = (c: Choice): string => {
  switch (c.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${c.kind} ${c.from}>${c.to}`;
    case 'timer':
      return `timer ${c.node} ${c.timer}`;
    case 'crash':
    case 'restart':
    case 'resume':
      return `${c.kind} ${c.node}`;
    case 'request':
      return `request ${c.to}`;
    case 'fault':
      return `fault ${c.fault.kind}`;
  }
};

const take = (run: ChoiceSession, text: string): void => {
  const choice = run.choices().find((c) => describe_(c) === text);
  assert.ok(choice, `no choice "${text}" among ${run.choices().map(describe_).join(', ')}`);
  run.take(choice);
};

describe('choices', () => {
  it('lists every message in flight, every armed timer and, within the budget, drops, duplicates and crashes', () => {
    assert.deepEqual(openChoiceSession(counterSpec, none).choices().map(describe_), [
      'deliver n1>n2',
      'deliver n2>n1',
      'timer n1 tick',
      'timer n2 tick',
    ]);
    assert.deepEqual(openChoiceSession(counterSpec, { crashes: 1, drops: 1, duplicates: 1 }).choices().map(describe_), [
      'deliver n1>n2',
      'drop n1>n2',
      'duplicate n1>n2',
      'deliver n2>n1',
      'drop n2>n1',
      'duplicate n2>n1',
      'timer n1 tick',
      'timer n2 tick',
      'crash n1',
      'crash n2',
    ]);
  });

  it('offers two copies of one message on one link as one choice', () => {
    const run = openChoiceSession(counterSpec, none);
    take(run, 'timer n1 tick');
    assert.deepEqual(run.choices().map(describe_), ['deliver n1>n2', 'deliver n2>n1', 'timer n2 tick']);
  });

  it('fires a timer before messages due long before it, which then arrive late', () => {
    const run = openChoiceSession(counterSpec, none);
    take(run, 'timer n2 tick');
    take(run, 'deliver n1>n2');
    const trace = run.result().trace as Trace;
    const [timer, deliver] = [events(trace, 'timer')[0], events(trace, 'deliver')[0]];
    assert.ok(timer && deliver && timer.time > 1 && deliver.time === timer.time);
  });

  it('drops a message: it leaves the network, the trace says so, and the budget is spent', () => {
    const run = openChoiceSession(counterSpec, { ...none, drops: 1 });
    take(run, 'drop n1>n2');
    const trace = run.result().trace as Trace;
    assert.deepEqual(
      events(trace, 'drop').map((e) => `${e.node} ${e.data}`),
      ['n2 dropped by choice'],
    );
    assert.deepEqual(run.spent, { crashes: 0, drops: 1, duplicates: 0 });
    assert.deepEqual(run.choices().map(describe_), ['deliver n2>n1', 'timer n1 tick', 'timer n2 tick']);
  });

  it('duplicates a message: one more copy is in flight and both arrive', () => {
    const run = openChoiceSession(counterSpec, { ...none, duplicates: 1 });
    take(run, 'duplicate n1>n2');
    take(run, 'deliver n1>n2');
    take(run, 'deliver n1>n2');
    const trace = run.result().trace as Trace;
    assert.equal(events(trace, 'duplicate').length, 1);
    assert.equal(events(trace, 'deliver').filter((e) => e.node === 'n2').length, 2);
  });

  it('crashes a node, which loses its timers and fields, and restarts it from its storage', () => {
    const run = openChoiceSession(counterSpec, { ...none, crashes: 1 });
    take(run, 'deliver n1>n2');
    take(run, 'crash n2');
    assert.deepEqual(run.choices().map(describe_), ['deliver n2>n1', 'timer n1 tick', 'restart n2']);
    take(run, 'restart n2');
    const trace = run.result().trace as Trace;
    assert.deepEqual(
      events(trace)
        .filter((e) => e.kind === 'crash' || e.kind === 'restart' || e.kind === 'recover')
        .map((e) => `${e.kind} ${e.node}`),
      ['crash n2', 'restart n2', 'recover n2'],
    );
    assert.ok(!run.choices().some((c) => c.kind === 'crash'), 'the crash budget is spent');
  });

  it('refuses a choice past the budget or naming nothing in flight, saying which', () => {
    const run = openChoiceSession(counterSpec, none);
    const deliver = run.choices()[0] as Extract<Choice, { kind: 'deliver' }>;
    assert.throws(() => run.take({ ...deliver, kind: 'drop' }), /the fault budget allows 0 drops, all spent/);
    run.take(deliver);
    assert.throws(() => run.take(deliver), /deliver hello n1→n2: no such message is in flight/);
  });

  it('replaying the recorded choices gives the same run: trace hash and state', () => {
    const budget: FaultBudget = { crashes: 1, drops: 2, duplicates: 2 };
    for (const seed of [1, 2, 3, 4, 5]) {
      const pick = new Random(seed, 'test:walk');
      const run = openChoiceSession(counterSpec, budget);
      for (let i = 0; i < 25; i++) {
        const choices = run.choices();
        if (choices.length === 0) break;
        run.take(pick.pick(choices));
      }
      const again = replayChoices(counterSpec, budget, run.taken);
      assert.equal((again.result().trace as Trace).hash(), (run.result().trace as Trace).hash(), `seed ${seed}`);
      assert.equal(again.stateKey(), run.stateKey(), `seed ${seed}`);
    }
  });

  it('a replay that does not fit the program names its step', () => {
    const run = openChoiceSession(counterSpec, none);
    const first = run.choices()[0] as Choice;
    assert.throws(() => replayChoices(counterSpec, none, [first, first]), /step 2 of the schedule \(deliver\)/);
  });

  it('gives one state key to one state, whatever path led there, and leaves time out', () => {
    const a = openChoiceSession(counterSpec, none);
    take(a, 'deliver n1>n2');
    take(a, 'deliver n2>n1');
    const b = openChoiceSession(counterSpec, none);
    take(b, 'deliver n2>n1');
    take(b, 'deliver n1>n2');
    assert.equal(a.stateKey(), b.stateKey());
    assert.equal(a.stateHash(), b.stateHash());
    // The tick fired (and was not set again): a different state.
    take(b, 'timer n1 tick');
    assert.notEqual(a.stateKey(), b.stateKey());
    assert.notEqual(a.stateHash(), b.stateHash());
  });
});

describe('forks of a chosen run', () => {
  const budget: FaultBudget = { crashes: 1, drops: 2, duplicates: 2 };

  it('go on exactly as a replay of the same choices does: trace hash and state, whatever the path', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const pick = new Random(seed, 'test:fork');
      let run = openChoiceSession(counterSpec, budget);
      for (let i = 0; i < 30; i++) {
        const choices = run.choices();
        if (choices.length === 0) break;
        // Fork at random points and go on with the copy; the original must stay as it was.
        if (pick.chance(0.5)) {
          const before = run.stateKey();
          const copy = run.fork();
          assert.ok(copy, 'a Counter is plain data');
          copy.take(pick.pick(copy.choices()));
          assert.equal(run.stateKey(), before, 'taking a choice on a fork changed the original');
          run = copy;
        } else run.take(pick.pick(choices));
      }
      const replayed = replayChoices(counterSpec, budget, run.taken);
      assert.equal((run.result().trace as Trace).hash(), (replayed.result().trace as Trace).hash(), `seed ${seed}`);
      assert.equal(run.stateKey(), replayed.stateKey(), `seed ${seed}`);
      // The fork's cached parts of the key are those the replay computes afresh.
      assert.equal(run.stateHash(), replayed.stateHash(), `seed ${seed}`);
    }
  });

  it('hash states as their keys say: equal keys, equal hashes; different keys, different hashes', () => {
    const byKey = new Map<string, number>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const pick = new Random(seed, 'test:hash');
      let run = openChoiceSession(counterSpec, budget);
      for (let i = 0; i < 20; i++) {
        const choices = run.choices();
        if (choices.length === 0) break;
        if (pick.chance(0.5)) run = run.fork() as ChoiceSession;
        run.take(pick.pick(choices));
        const known = byKey.get(run.stateKey());
        if (known !== undefined) assert.equal(run.stateHash(), known);
        byKey.set(run.stateKey(), run.stateHash());
      }
    }
    assert.ok(byKey.size > 20, `only ${byKey.size} states`);
    assert.equal(new Set(byKey.values()).size, byKey.size);
  });

  it('give a node that holds its context the copy of its own: what it stores goes to the copy', () => {
    const run = openChoiceSession(counterSpec, none);
    const copy = run.fork() as ChoiceSession;
    take(copy, 'deliver n1>n2');
    assert.match(copy.stateKey(), /heard=1/);
    assert.doesNotMatch(run.stateKey(), /heard=/);
    assert.equal(events(run.result().trace as Trace, 'deliver').length, 0);
  });

  it('are refused when a node holds a function, which would still act on the original', () => {
    class Closure extends Counter {
      readonly later = (): void => undefined;
    }
    assert.equal(openChoiceSession(spec(Closure, { nodes: ['n1', 'n2'] }), none).fork(), undefined);
    class SavedStorage extends Counter {
      readonly disk: unknown;
      constructor(ctx: Context) {
        super(ctx);
        this.disk = ctx.storage;
      }
    }
    assert.equal(openChoiceSession(spec(SavedStorage, { nodes: ['n1', 'n2'] }), none).fork(), undefined);
  });
});

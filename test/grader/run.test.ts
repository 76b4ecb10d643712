import assert from 'node:assert/strict';
import {
  concretize,
  ExerciseError,
  fmtMs,
  loadStudentModule,
  runAndCheck,
  type CheckedRun,
  type ScenarioSetup,
} from '../../src/grader';
import { exercise, passes, Pinger, scenario } from './fixtures';

const FILE = 'starter.ts';

/** n2 throws on its first timer, at 10 ms, on line 5. */
const THROWING = `export default class {
  constructor(private ctx: any) {}
  onStart() { this.ctx.setTimer("tick", 10); }
  onTimer(name: string) {
    if (this.ctx.id === "n2") throw new RangeError("no " + name);
  }
  onMessage() {}
}
`;

describe('runAndCheck', () => {
  it('turns a throwing handler into an "exception" failure with the node, handler, time and student location', () => {
    const s = scenario({ checkers: [passes('never-reached')] });
    const { failure } = runAndCheck({
      exercise: exercise([s]),
      scenario: s,
      program: loadStudentModule(THROWING, FILE),
      seed: 1,
      file: FILE,
    });
    assert.ok(failure);
    assert.equal(failure.checker, 'exception');
    assert.equal(failure.property, 'handlers do not throw');
    assert.equal(failure.at, 10);
    assert.deepEqual(failure.nodes, ['n2']);
    assert.deepEqual(failure.location, { file: FILE, line: 5, column: 37 });
    assert.equal(failure.explanation, 'n2 threw RangeError in onTimer("tick") at 10 ms (starter.ts:5:37): no tick');
    assert.match(failure.stack ?? '', /^RangeError: no tick\n {4}at \S+\.onTimer \(starter\.ts:5:37\)$/);
  });

  it('blames a schedule that names an unknown node on the exercise, naming its scenario, seed and entry, before anything runs', () => {
    const s = scenario({
      name: 'typo',
      faults: [
        { at: 5, kind: 'heal' },
        { afterSend: { node: 'n1', count: 1 }, kind: 'crash', node: 'n7' },
      ],
    });
    assert.throws(
      () => runAndCheck({ exercise: exercise([s]), scenario: s, program: Pinger, seed: 4, file: FILE }),
      (error: Error) =>
        error instanceof ExerciseError &&
        error.message ===
          'exercise "demo", scenario "typo", seed 4: the scenario\'s fault schedule cannot run: fault #1 {"afterSend":{"node":"n1","count":1},"kind":"crash","node":"n7"}: unknown node "n7" (nodes: n1, n2, n3)',
    );
  });

  it('reports the first failing checker in order, with what its verdict says', () => {
    const s = scenario({
      checkers: [
        passes('first', 'all good so far'),
        {
          name: 'second',
          property: 'nobody pings',
          check: () => ({ ok: false, explanation: 'n1 pinged at 10 ms', at: 10, nodes: ['n1'], events: [3] }),
        },
        { name: 'third', property: 'never asked', check: () => assert.fail('checkers after a failure do not run') },
      ],
    });
    const checked = runAndCheck({ exercise: exercise([s]), scenario: s, program: Pinger, seed: 1, file: FILE });
    assert.deepEqual(checked.failure, {
      checker: 'second',
      property: 'nobody pings',
      explanation: 'n1 pinged at 10 ms',
      at: 10,
      nodes: ['n1'],
      events: [3],
      handler: { node: 'n1', time: 10, handler: 'onTimer', detail: 'tick' },
    });
    assert.deepEqual(checked.notes, ['all good so far']);
  });

  it('collects the notes of every passing checker', () => {
    const s = scenario({ checkers: [passes('a', 'note a'), passes('b'), passes('c', 'note c')] });
    const checked = runAndCheck({ exercise: exercise([s]), scenario: s, program: Pinger, seed: 1, file: FILE });
    assert.equal(checked.failure, undefined);
    assert.deepEqual(checked.notes, ['note a', 'note c']);
  });

  it('hands checkers the trace, the result and the concrete run', () => {
    let seen: CheckedRun | undefined;
    const faults = [{ at: 50, kind: 'crash' as const, node: 'n3' }];
    const workload = [{ at: 20, to: 'n1', msg: { type: 'req' } }];
    const s = scenario({
      faults,
      workload,
      checkers: [{ name: 'spy', property: 'x', check: (run) => ((seen = run), { ok: true }) }],
    });
    const checked = runAndCheck({ exercise: exercise([s]), scenario: s, program: Pinger, seed: 4, file: FILE });
    assert.ok(seen);
    assert.equal(seen.trace, checked.trace);
    assert.equal(seen.result, checked.result);
    assert.deepEqual(
      [seen.nodes, seen.faults, seen.workload, seen.duration],
      [['n1', 'n2', 'n3'], faults, workload, 200],
    );
    assert.deepEqual(checked.trace.header.lanes, ['n1', 'n2', 'n3', 'client']);
    assert.equal(checked.trace.header.exercise, 'demo');
    assert.equal(checked.trace.header.scenario, 'steady');
  });

  it('replays with a replacement schedule and length when asked', () => {
    const s = scenario({ faults: [{ at: 50, kind: 'crash', node: 'n3' }] });
    const checked = runAndCheck({
      exercise: exercise([s]),
      scenario: s,
      program: Pinger,
      seed: 1,
      file: FILE,
      faults: [],
      duration: 80,
    });
    assert.deepEqual(checked.run.faults, []);
    assert.equal(checked.run.duration, 80);
    assert.equal([...checked.trace.ofKind('crash')].length, 0);
    assert.equal(checked.result.endTime, 80);
  });

  it('turns a used-up budget into a "budget" failure', () => {
    const s = scenario({ duration: 1e9 });
    const { failure } = runAndCheck({
      exercise: exercise([s]),
      scenario: s,
      program: Pinger,
      seed: 1,
      file: FILE,
      budget: { maxEvents: 2000, wallClockMs: 1e9, wallClock: () => 0 },
    });
    assert.equal(failure?.checker, 'budget');
    assert.match(
      failure?.explanation ?? '',
      /^the run used up its budget of 2,000 events by \d+ ms of virtual time: look for a message storm/,
    );
  });
});

describe('concretize', () => {
  it('draws generated faults, clocks and workload from the seed, each from its own stream', () => {
    const draws: Record<string, number[]> = {};
    const draw = (what: string) => (setup: ScenarioSetup) => {
      (draws[what] ??= []).push(setup.rng.next());
      return [];
    };
    const s = scenario({
      faults: draw('faults'),
      workload: draw('workload'),
      clocks: (setup) => (draw('clocks')(setup), {}),
    });
    concretize(s, 1);
    concretize(s, 1);
    concretize(s, 2);
    for (const what of ['faults', 'clocks', 'workload']) {
      const [a, b, c] = draws[what] as [number, number, number];
      assert.equal(a, b, `${what}: same seed, same draw`);
      assert.notEqual(a, c, `${what}: another seed, another draw`);
    }
    assert.notEqual(draws.faults?.[0], draws.workload?.[0]);
  });

  it('gives generators the node names and the duration', () => {
    let setup: ScenarioSetup | undefined;
    concretize(scenario({ nodes: 4, duration: 700, faults: (s) => ((setup = s), []) }), 1);
    assert.deepEqual([setup?.nodes, setup?.duration], [['n1', 'n2', 'n3', 'n4'], 700]);
  });
});

describe('fmtMs', () => {
  it('prints whole milliseconds', () => {
    assert.equal(fmtMs(1520.4), '1520 ms');
    assert.equal(fmtMs(0.6), '1 ms');
  });
});

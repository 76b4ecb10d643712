import assert from 'node:assert/strict';
import {
  breaks,
  gradeExercise,
  loadSubmission,
  StudentCodeError,
  type Checker,
  type Exercise,
  type GameRule,
} from '../../src/grader';
import { exercise, Pinger, scenario } from './fixtures';

/** The goal a schedule must break here: the network drops no ping. */
const noPingDropped: Checker = {
  name: 'no-ping-dropped',
  property: 'the network drops no ping',
  check({ trace }) {
    const dropped = [...trace.ofKind('drop')][0];
    return dropped === undefined
      ? { ok: true, note: 'n1, n2 and n3 lost no ping' }
      : { ok: false, explanation: `a ping to ${dropped.node} was dropped at ${dropped.time} ms`, at: dropped.time };
  },
};

const noCrashes: GameRule = {
  name: 'no-crashes',
  text: 'no node crashes',
  problems: (schedule) => schedule.flatMap((f, i) => (f.kind === 'crash' ? [`fault #${i} crashes ${f.node}`] : [])),
};

const adversary: Exercise = {
  ...exercise([scenario({ checkers: [breaks(noPingDropped)] })]),
  starter: 'starter.faults.json',
  submission: { kind: 'faults', target: Pinger, goal: noPingDropped, rules: [noCrashes] },
};

const gradeSchedule = (schedule: unknown) => {
  const loaded = loadSubmission(adversary, JSON.stringify(schedule), 'attack.json');
  return gradeExercise(loaded.exercise, loaded.program, 'attack.json', { seeds: 3 }).scenarios[0]!;
};

const refusal = (source: string): string => {
  try {
    loadSubmission(adversary, source, 'attack.json');
  } catch (error) {
    assert.ok(error instanceof StudentCodeError, String(error));
    return error.message;
  }
  assert.fail(`${source} was accepted`);
};

describe('fault submissions: grading a schedule that must break a given program', () => {
  it('passes a schedule that breaks the goal on every seed, its note telling how and by which faults', () => {
    const report = gradeSchedule([{ at: 50, kind: 'partition', groups: [['n1']] }]);
    assert.equal(report.passed, true, report.failure?.explanation);
    assert.equal(report.seedsRun, 3);
    assert.match(report.notes?.[0] ?? '', /^the schedule broke it: a ping to n\d was dropped at \d+ ms/);
    assert.match(report.notes?.[0] ?? '', /faults struck by then: fault #0 \(partition \{n1\} at 50 ms\)/);
    // The run a host opens to show how: the first seed, under the schedule handed in.
    assert.deepEqual(report.broken, {
      seed: 1,
      faults: [{ at: 50, kind: 'partition', groups: [['n1']] }],
      duration: 200,
    });
  });

  it('fails a schedule under which the goal held, with what the goal saw, and does not shrink it', () => {
    const report = gradeSchedule([{ at: 50, kind: 'pause', node: 'n1', ms: 5 }]);
    assert.equal(report.passed, false);
    assert.equal(report.failure?.checker, 'breaks-no-ping-dropped');
    assert.equal(report.failure?.explanation, 'it held for the whole run, to 200 ms: n1, n2 and n3 lost no ping');
    assert.equal(report.failure?.shrunk, undefined);
    assert.equal(report.broken, undefined);
  });

  it('refuses what is not JSON, saying a schedule is a JSON array', () => {
    assert.match(
      refusal('[{"at": 50, // cut n1\n}]'),
      /^attack\.json: is not JSON \(.*\): a fault schedule is a JSON array/,
    );
  });

  it("refuses an invalid schedule with the kernel's message, naming the entry", () => {
    assert.equal(
      refusal('[{"at": 50, "kind": "crash", "node": "n9"}]'),
      'attack.json: fault #0 {"at":50,"kind":"crash","node":"n9"}: unknown node "n9" (nodes: n1, n2, n3)',
    );
    assert.equal(refusal('{"at": 50}'), 'attack.json: a fault schedule must be a JSON array');
  });

  it('refuses a schedule against a rule of the game, naming the rule and the entry', () => {
    assert.equal(
      refusal('[{"at": 50, "kind": "crash", "node": "n2"}]'),
      'attack.json: rule "no-crashes" (no node crashes): fault #0 crashes n2',
    );
  });

  it('loads a TypeScript submission as a node class, the exercise unchanged', () => {
    const plain = exercise([scenario()]);
    const loaded = loadSubmission(plain, 'export default class { onStart() {} onMessage() {} onTimer() {} }', 'a.ts');
    assert.equal(loaded.exercise, plain);
    assert.equal(typeof loaded.program, 'function');
  });
});

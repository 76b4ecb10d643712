import assert from 'node:assert/strict';
import { gradeExercise, runAndCheck, withStudentScenarios, type Checker } from '../../src/grader';
import { exercise, passes, Pinger, scenario } from './fixtures';

const noCrash: Checker = {
  name: 'no-crash',
  property: 'no node crashes',
  safety: true,
  check: ({ faults }) =>
    faults.some((f) => f.kind === 'crash') ? { ok: false, explanation: 'n2 crashed at 60 ms', at: 60 } : { ok: true },
};

/** Holds after faults heal, whatever they were. */
const recovers: Checker = { ...passes('recovers'), anySchedule: true };

const demo = exercise([
  scenario({ name: 'steady', checkers: [noCrash, passes('calm'), recovers] }),
  scenario({
    name: 'drawn',
    faults: ({ rng }) => [{ at: 10 + rng.int(10), kind: 'heal' }],
    runs: { quick: 7, thorough: 70 },
  }),
]);

const saved = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    from: 'steady',
    seed: 42,
    nodes: 4,
    duration: 300,
    faults: [{ at: 60, kind: 'crash', node: 'n2' }],
    ...over,
  });

describe('student scenarios', () => {
  it('become scenarios of the exercise after its own, with their size, length, schedule and seed', () => {
    const { exercise: withSaved, problems } = withStudentScenarios(demo, [
      { file: 'distsys/demo/scenarios/crash-n2.json', text: saved() },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      withSaved.scenarios.map((s) => s.name),
      ['steady', 'drawn', 'crash-n2'],
    );
    const mine = withSaved.scenarios[2];
    assert.equal(mine?.nodes, 4);
    assert.equal(mine?.duration, 300);
    assert.deepEqual(mine?.seeds, [42]);
    assert.match(mine?.description ?? '', /steady at seed 42 with 1 fault/);
  });

  it("run only their base scenario's checkers that hold under any fault schedule: the student chose the faults", () => {
    const { exercise: withSaved } = withStudentScenarios(demo, [{ file: 'scenarios/crash-n2.json', text: saved() }]);
    assert.deepEqual(
      withSaved.scenarios[2]?.checkers.map((c) => c.name),
      ['no-crash', 'recovers'],
    );
  });

  it('are refused, naming the scenario, when it has no checker that holds under any fault schedule', () => {
    const { exercise: withSaved, problems } = withStudentScenarios(demo, [
      { file: 'scenarios/mine.json', text: saved({ from: 'drawn' }) },
    ]);
    assert.deepEqual(problems, [
      `scenarios/mine.json: demo's scenario "drawn" has no checker that holds under any fault schedule, so a saved run of it cannot be graded`,
    ]);
    assert.equal(withSaved, demo);
  });

  it('replay their own seed only, and fail by their base checkers', () => {
    const { exercise: withSaved } = withStudentScenarios(demo, [{ file: 'scenarios/crash-n2.json', text: saved() }]);
    const report = gradeExercise(withSaved, Pinger, 'starter.ts', { seeds: 5, scenario: 'crash-n2' });
    const [mine] = report.scenarios;
    assert.deepEqual([mine?.passed, mine?.seedsRun, mine?.failure?.seed], [false, 1, 42]);
    assert.equal(mine?.failure?.explanation, 'n2 crashed at 60 ms');
  });

  it('run the same trace as the run they were saved from', () => {
    const { exercise: withSaved } = withStudentScenarios(demo, [
      { file: 'a.json', text: saved({ faults: [{ at: 30, kind: 'pause', node: 'n1', ms: 50 }] }) },
    ]);
    const mine = withSaved.scenarios.find((s) => s.name === 'a');
    assert.ok(mine);
    const request = { exercise: withSaved, program: Pinger, file: 'starter.ts', seed: 42 };
    const fromFile = runAndCheck({ ...request, scenario: mine });
    const original = runAndCheck({
      ...request,
      scenario: { ...scenario({ name: 'steady' }), nodes: 4, duration: 300 },
      faults: [{ at: 30, kind: 'pause', node: 'n1', ms: 50 }],
    });
    assert.equal(fromFile.trace.hash(), original.trace.hash());
  });

  it('name the file and the problem when a file cannot be used, and keep the others', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['scenarios/broken.json', '{"from": ', /^scenarios\/broken\.json: not valid JSON/],
      ['scenarios/Bad Name.json', saved(), /^scenarios\/Bad Name\.json: the file name must be kebab-case/],
      ['scenarios/steady.json', saved(), /already has a scenario named "steady"/],
      ['scenarios/list.json', '[]', /^scenarios\/list\.json: must be a JSON object/],
      [
        'scenarios/from.json',
        saved({ from: 'nowhere' }),
        /"from" must name a scenario of demo \(steady, drawn\), got "nowhere"/,
      ],
      ['scenarios/seed.json', saved({ seed: -1 }), /"seed" must be a whole number, 0 or more, got -1/],
      ['scenarios/nodes.json', saved({ nodes: 12 }), /"nodes" must be a whole number from 1 to 9, got 12/],
      ['scenarios/length.json', saved({ duration: 0 }), /"duration" must be a number of ms above 0/],
      ['scenarios/faults.json', saved({ faults: [{ at: 5, kind: 'crash', node: 'n9' }] }), /"faults": fault #0: .*n9/],
      [
        'scenarios/kind.json',
        saved({ faults: [{ at: 5, kind: 'meteor' }] }),
        /"faults": fault #0: unknown kind "meteor"/,
      ],
    ];
    for (const [file, text, expected] of cases) {
      const { exercise: withSaved, problems } = withStudentScenarios(demo, [
        { file, text },
        { file: 'scenarios/zz-good.json', text: saved() },
      ]);
      assert.equal(problems.length, 1, file);
      assert.match(problems[0] ?? '', expected);
      assert.deepEqual(
        withSaved.scenarios.map((s) => s.name),
        ['steady', 'drawn', 'zz-good'],
      );
    }
  });

  it('leave the exercise as it is when there are none', () => {
    assert.equal(withStudentScenarios(demo, []).exercise, demo);
  });
});

import assert from 'node:assert/strict';
import { breakBully } from '../../../lessons/06-leader-election/bully/exercise';
import { bullyDemo } from '../../../lessons/06-leader-election/bully/demo';
import { loadSubmission, runAndCheck, StudentCodeError, withStudentScenarios } from '../../../src/grader';

const refusal = (schedule: unknown): string => {
  try {
    loadSubmission(breakBully, JSON.stringify(schedule), 'attack.faults.json');
  } catch (error) {
    assert.ok(error instanceof StudentCodeError, String(error));
    return error.message;
  }
  assert.fail(`${JSON.stringify(schedule)} was accepted`);
};

describe('break-bully', () => {
  it('explains a split from the trace: the two leaders, since when, and the silence the second took for death', () => {
    const scenario = bullyDemo.scenarios.find((s) => s.name === 'partition-two-leaders')!;
    const run = runAndCheck({ exercise: bullyDemo, scenario, program: bullyDemo.program, seed: 1, file: 'bully.ts' });
    assert.equal(run.failure, undefined, run.failure?.explanation);
    assert.match(
      run.notes[0] ?? '',
      /^the schedule broke it: n5 and n4 both led from \d+ ms to \d+ ms: n5 since \d+ ms, and n4 declared itself leader at \d+ ms while n5 still believed it led \(n4 had heard nothing from n5 since \d+ ms\); faults struck by then: fault #0 \(partition \{n5\} at 1000 ms\)$/,
    );
  });

  it('takes the leader crashing and coming back for a handover, not a split', () => {
    const { exercise, program } = loadSubmission(
      breakBully,
      JSON.stringify([
        { at: 1000, kind: 'crash', node: 'n5' },
        { at: 2000, kind: 'restart', node: 'n5' },
      ]),
      'crash.faults.json',
    );
    const scenario = exercise.scenarios[0]!;
    for (const seed of [1, 2, 3]) {
      const run = runAndCheck({ exercise, scenario, program, seed, file: 'crash.faults.json' });
      assert.match(run.failure?.explanation ?? '', /n4 \(\d+ ms – \d+ ms\), n5 \(\d+ ms – end\)/, `seed ${seed}`);
    }
  });

  it('refuses each schedule against a rule of the game, naming the rule and the entry', () => {
    const partition = { at: 1000, kind: 'partition', groups: [['n5']] };
    assert.match(refusal(Array(5).fill(partition)), /rule "few-faults" \(at most 4 faults\): the schedule has 5$/);
    assert.match(
      refusal([{ afterSend: { node: 'n1', count: 1 }, kind: 'heal' }]),
      /rule "strike-early" .*: fault #0 \(heal the network after n1's 1st message send\) has no "at"$/,
    );
    assert.match(refusal([{ ...partition, at: 3500 }]), /rule "strike-early" .*: fault #0 .* strikes after 3000 ms$/);
    assert.match(
      refusal([{ at: 1000, kind: 'pause', node: 'n5', ms: 2000 }]),
      /rule "short-pauses" \(a pause lasts at most 1500 ms\): fault #0 \(pause n5 for 2000 ms at 1000 ms\) lasts 2000 ms$/,
    );
    assert.match(refusal([{ at: 1000, kind: 'delaySpike', extraMs: 900, ms: 900 }]), /rule "fault-kinds"/);
  });

  it('uses no saved scenario: they run a node class, and the submission here is a fault schedule', () => {
    const saved = { from: 'five-nodes', seed: 1, nodes: 5, duration: 4000, faults: [] };
    const { exercise, problems } = withStudentScenarios(breakBully, [
      { file: 'scenarios/mine.json', text: JSON.stringify(saved) },
    ]);
    assert.equal(exercise, breakBully);
    assert.deepEqual(problems, [
      'scenarios/mine.json: break-bully takes a fault schedule, and scenarios saved from the lab bench run a node class of yours: this file is not used',
    ]);
  });
});

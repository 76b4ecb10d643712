import assert from 'node:assert/strict';
import { planRun } from '../../src/extension/core/runPlan';

const available = [
  { exercise: 'raft-election', scenarios: ['initial-election', 're-election', 'leader-crash'] },
  { exercise: 'two-phase-commit', scenarios: ['happy-path', 'message-loss'] },
];

describe('extension: which scenarios a test run grades', () => {
  it('grades every exercise whole when the run names nothing', () => {
    assert.deepEqual(planRun(undefined, [], available), [
      { exercise: 'raft-election', scenarios: ['initial-election', 're-election', 'leader-crash'], whole: true },
      { exercise: 'two-phase-commit', scenarios: ['happy-path', 'message-loss'], whole: true },
    ]);
  });

  it('grades only the named scenarios, once each, in the exercise order', () => {
    const include = [
      { exercise: 'raft-election', scenario: 'leader-crash' },
      { exercise: 'raft-election', scenario: 'initial-election' },
      { exercise: 'raft-election', scenario: 'leader-crash' },
    ];
    assert.deepEqual(planRun(include, [], available), [
      { exercise: 'raft-election', scenarios: ['initial-election', 'leader-crash'], whole: false },
    ]);
  });

  it('leaves out excluded scenarios and excluded exercises', () => {
    assert.deepEqual(
      planRun([{ exercise: 'raft-election' }], [{ exercise: 'raft-election', scenario: 're-election' }], available),
      [{ exercise: 'raft-election', scenarios: ['initial-election', 'leader-crash'], whole: false }],
    );
    assert.deepEqual(
      planRun(undefined, [{ exercise: 'two-phase-commit' }], available).map((p) => p.exercise),
      ['raft-election'],
    );
  });

  it('counts an exercise named along with all its scenarios as whole', () => {
    const include = [{ exercise: 'two-phase-commit', scenario: 'happy-path' }, { exercise: 'two-phase-commit' }];
    assert.deepEqual(planRun(include, [], available), [
      { exercise: 'two-phase-commit', scenarios: ['happy-path', 'message-loss'], whole: true },
    ]);
  });
});

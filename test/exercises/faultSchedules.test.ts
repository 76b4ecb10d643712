import assert from 'node:assert/strict';
import { concretize, scheduleProblems } from '../../src/grader';
import { exercises } from '../../lessons/catalog';

const SEEDS = 20;

describe('exercise fault schedules', () => {
  for (const exercise of exercises) {
    for (const scenario of exercise.scenarios) {
      it(`${exercise.id}/${scenario.name}: every schedule drawn for seeds 1–${SEEDS} names only the scenario's nodes and well-formed faults`, () => {
        const problems = Array.from({ length: SEEDS }, (_, i) => i + 1).flatMap((seed) =>
          scheduleProblems(concretize(scenario, seed)).map((p) => `seed ${seed}: ${p}`),
        );
        assert.deepEqual(problems, []);
      });
    }
  }
});

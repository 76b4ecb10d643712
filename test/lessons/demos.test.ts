import assert from 'node:assert/strict';
import { demos, exercises } from '../../lessons/catalog';
import { runAndCheck } from '../../src/grader';

/** Seeds each demo scenario is run on: a demo shows one run, and its model must hold on any. */
const SEEDS = 20;

describe('lessons: demos, the models a lesson only shows', () => {
  it('have ids unique among every exercise and demo, as a sim block names either by its id', () => {
    const ids = [...exercises, ...demos].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
  });

  for (const demo of demos) {
    describe(demo.id, () => {
      for (const scenario of demo.scenarios) {
        const run = (seed: number) =>
          runAndCheck({ exercise: demo, scenario, program: demo.program, seed, file: `${demo.id}.ts` });

        it(`${scenario.name}: shows what its checkers ask on ${SEEDS} seeds, a seed replaying to the same trace`, () => {
          assert.match(scenario.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
          assert.match(scenario.description, /^[A-Za-z0-9][^.]*(\.[^ ][^.]*)*\.$/, scenario.name);
          for (let seed = 1; seed <= SEEDS; seed++) {
            const { failure } = run(seed);
            assert.equal(failure, undefined, `seed ${seed}: [${failure?.checker}] ${failure?.explanation}`);
          }
          assert.equal(run(7).trace.hash(), run(7).trace.hash());
          assert.notEqual(run(7).trace.hash(), run(8).trace.hash());
        });
      }
    });
  }
});

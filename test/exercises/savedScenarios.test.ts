/**
 * A scenario a student saves from the lab bench has faults its base scenario never had, struck
 * anywhere and maybe never healed. It runs only the checkers that hold under any fault schedule, so
 * a correct solution passes it whatever the student did: here, schedules drawn from every fault kind,
 * half of them left unhealed, saved from every scenario of every exercise, graded on the reference.
 */
import assert from 'node:assert/strict';
import { exercises } from '../../lessons/catalog';
import {
  drawNemesis,
  gradeExercise,
  loadSubmission,
  nemesisKinds,
  withStudentScenarios,
  MAX_STUDENT_NODES,
  nodeNames,
} from '../../src/grader';
import { Random } from '../../src/kernel';
import { referenceSolution } from './solutions';

/** Saved runs per scenario of each exercise. */
const SAVED_RUNS = 4;

for (const exercise of exercises.filter((e) => e.submission === undefined)) {
  describe(`${exercise.id}: scenarios saved from the lab bench`, () => {
    for (const base of exercise.scenarios) {
      it(`the reference passes runs of ${base.name} under faults struck anywhere, healed or not`, () => {
        const { source, file } = referenceSolution(exercise.id);
        const loaded = loadSubmission(exercise, source, file);
        const rng = new Random(7, `saved:${exercise.id}:${base.name}`);
        const sources = Array.from({ length: SAVED_RUNS }, (_, i) => {
          const size = Math.min(base.nodes, MAX_STUDENT_NODES);
          const nodes = nodeNames(size);
          const until = Math.round(base.duration * 0.8);
          const { faults } = drawNemesis({ from: 0, until, kinds: nemesisKinds, meanGapMs: until / 6 }, nodes, rng);
          // Odd runs end with their faults in force, as a student who never heals them.
          const struck = i % 2 === 1 ? faults.filter((f) => !('at' in f) || f.at < until) : faults;
          const text = JSON.stringify({
            from: base.name,
            seed: i + 1,
            nodes: size,
            duration: base.duration,
            faults: struck,
          });
          return { file: `scenarios/saved-${i}.json`, text };
        });
        const { exercise: withSaved, problems } = withStudentScenarios(loaded.exercise, sources);
        assert.deepEqual(problems, []);
        for (let i = 0; i < SAVED_RUNS; i++) {
          const report = gradeExercise(withSaved, loaded.program, file, { scenario: `saved-${i}`, shrink: false });
          const failure = report.scenarios[0]?.failure;
          assert.equal(
            failure,
            undefined,
            `saved-${i}: [${failure?.checker}] ${failure?.explanation} — ${sources[i]?.text}`,
          );
        }
      });
    }
  });
}

import { existsSync } from 'node:fs';
import { exploreRequest, exploreSpec, loadStudentModule, runAndCheck } from '../../src/grader';
import { openChoiceSession, Random, type NodeClass } from '../../src/kernel';
import { exercises } from '../../lessons/catalog';
import { compareOnPrefixes, prefixesToJudge } from './incrementalAgreement';
import { buggyVariant, buggyVariantNames, exerciseTestDir, referenceSolution } from './solutions';

const WALKS = 12;
const WALK_DEPTH = 24;

function programs(exerciseId: string): Array<{ name: string; program: NodeClass; file: string }> {
  return [referenceSolution(exerciseId), ...buggyVariantNames(exerciseId).map((v) => buggyVariant(exerciseId, v))].map(
    (s) => ({ name: s.name ?? s.file, program: loadStudentModule(s.source, s.file), file: s.file }),
  );
}

/** The incremental form of every safety checker judges every prefix as the full check does. */
describe('incremental safety checkers', () => {
  for (const exercise of exercises) {
    const checkers = [...new Set(exercise.scenarios.flatMap((s) => s.checkers))].filter((c) => c.incremental);
    if (checkers.length === 0 || !existsSync(exerciseTestDir(exercise.id))) continue;

    it(`${exercise.id}: agree with the full checks on every prefix of runs of the reference and each buggy variant`, () => {
      for (const { name, program, file } of programs(exercise.id)) {
        for (const scenario of exercise.scenarios) {
          const ran = runAndCheck({ exercise, scenario, program, seed: 1, file });
          const { trace } = ran;
          const prefixes = prefixesToJudge(trace.length);
          const run = { ...ran.run, result: ran.result };
          const used = checkers.filter((c) => scenario.checkers.includes(c));
          compareOnPrefixes(used, run, trace, prefixes, `${name}, scenario ${scenario.name}`);
        }
      }
    });

    if (exercise.explore === undefined) continue;
    it(`${exercise.id}: agree with the full checks in every state of random walks over the choices`, () => {
      for (const { name, program, file } of programs(exercise.id)) {
        const request = exploreRequest(exercise, program, file, { faults: { crashes: 1, drops: 1, duplicates: 1 } });
        const spec = exploreSpec(request);
        const pick = new Random(7, `test:${name}`);
        for (let walk = 0; walk < WALKS; walk++) {
          const session = openChoiceSession(spec, request.faults);
          const lengths = [session.result().trace!.length];
          for (let depth = 0; depth < WALK_DEPTH; depth++) {
            const choices = session.choices();
            if (choices.length === 0) break;
            session.take(pick.pick(choices));
            lengths.push(session.result().trace!.length);
          }
          const result = session.result();
          const run = {
            result,
            nodes: [...spec.nodes],
            faults: [],
            workload: [...(spec.workload ?? [])],
            duration: result.endTime,
          };
          const incremental = request.invariants.filter((c) => c.incremental);
          compareOnPrefixes(incremental, run, result.trace!, lengths, `${name}, walk ${walk}`);
        }
      }
    });
  }
});

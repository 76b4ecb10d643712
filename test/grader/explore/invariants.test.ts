import assert from 'node:assert/strict';
import { exploreRequest, exploreSpec, loadStudentModule } from '../../../src/grader';
import { Invariants, type InvariantStates } from '../../../src/grader/explore/invariants';
import { openChoiceSession, Random, type ChoiceSession } from '../../../src/kernel';
import { exercises } from '../../../lessons/catalog';
import { buggyVariants, referenceSolution } from '../../exercises/solutions';

const WALKS = 10;
const DEPTH = 14;

/** A search state: a run and where its invariants are. */
interface Walker {
  run: ChoiceSession;
  states: InvariantStates;
}

describe('invariants of a search', () => {
  for (const id of ['raft-election', 'two-phase-commit']) {
    const exercise = exercises.find((e) => e.id === id)!;
    it(`${id}: a copied state goes on alone, judging its own path as a reading from the start does`, () => {
      for (const solution of [referenceSolution(id), ...buggyVariants(id)]) {
        const program = loadStudentModule(solution.source, solution.file);
        const request = exploreRequest(exercise, program, solution.file, {
          faults: { crashes: 1, drops: 1, duplicates: 1 },
        });
        const spec = exploreSpec(request);
        const invariants = new Invariants(request, spec);
        const pick = new Random(3, `test:${solution.file}`);
        const judged = (w: Walker): string | undefined => invariants.violation(w.run, w.states)?.checker;
        const fromStart = (w: Walker): string | undefined => invariants.violation(w.run, invariants.begin())?.checker;
        for (let walk = 0; walk < WALKS; walk++) {
          let walkers: Walker[] = [{ run: openChoiceSession(spec, request.faults), states: invariants.begin() }];
          for (let depth = 0; depth < DEPTH && walkers.length > 0; depth++) {
            const next: Walker[] = [];
            for (const w of walkers) {
              // Copy before stepping, then step both: neither may see the other's events.
              const forked = pick.chance(0.4) ? w.run.fork() : undefined;
              const copy = forked && { run: forked, states: invariants.copy(w.states) };
              for (const walker of copy ? [w, copy] : [w]) {
                const choices = walker.run.choices();
                if (choices.length === 0) continue;
                walker.run.take(pick.pick(choices));
                const verdict = judged(walker);
                assert.equal(verdict, fromStart(walker), `${solution.file}, walk ${walk}, depth ${depth + 1}`);
                if (verdict === undefined) next.push(walker);
              }
            }
            walkers = next.slice(0, 8);
          }
        }
      }
    });
  }
});

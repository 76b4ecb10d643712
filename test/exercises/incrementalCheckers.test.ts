import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  exploreRequest,
  exploreSpec,
  loadStudentModule,
  runAndCheck,
  type CheckedRun,
  type Checker,
  type IncrementalFamily,
} from '../../src/grader';
import { openChoiceSession, Random, Trace, type NodeClass } from '../../src/kernel';
import { exercises } from '../../lessons/catalog';
import { buggyVariant, buggyVariantNames, exerciseTestDir, referenceSolution } from './solutions';

/** Every event boundary up to this many events is a prefix judged; past it, SPREAD_PREFIXES spread evenly, and the whole run. */
const EVERY_PREFIX_UP_TO = 80;
const SPREAD_PREFIXES = 4;
const WALKS = 12;
const WALK_DEPTH = 24;

/** The trace's first `length` events, as a trace of their own. */
function prefixOf(trace: Trace, length: number): Trace {
  const prefix = new Trace(trace.header);
  for (let i = 0; i < length; i++) {
    const e = trace.event(i);
    const lanes = trace.header.lanes;
    const lane = (name: string | undefined): number =>
      name === undefined ? -1 : name === 'network' ? -1 : lanes.indexOf(name);
    prefix.record(e.time, e.kind, lane(e.node), lane(e.peer), e.link ?? -1, e.data);
  }
  return prefix;
}

/**
 * Feeds the trace to each incremental checker and compares its verdict with the full check of
 * the same prefix, at `prefixes`, up to the first prefix the full check fails; then the same for
 * the members of each family read together, as a search reads them.
 */
function compareOnPrefixes(
  checkers: Checker[],
  run: Omit<CheckedRun, 'trace'>,
  trace: Trace,
  prefixes: number[],
  where: string,
): void {
  const fullChecks = new Map<string, boolean>();
  const full = (checker: Checker, length: number): boolean => {
    const key = `${checker.name}@${length}`;
    const known = fullChecks.get(key);
    if (known !== undefined) return known;
    const ok = checker.check({ ...run, trace: length === trace.length ? trace : prefixOf(trace, length) }).ok;
    fullChecks.set(key, ok);
    return ok;
  };
  for (const checker of checkers) {
    const incremental = checker.incremental!;
    const state: unknown = incremental.begin(run.nodes);
    let read = 0;
    for (const length of prefixes) {
      for (; read < length; read++) incremental.event(state, trace.event(read));
      const ok = full(checker, length);
      assert.equal(incremental.verdict(state), ok, `${checker.name}, ${where}, first ${length} events`);
      if (!ok) break;
    }
  }
  const families = new Map<IncrementalFamily, Checker[]>();
  for (const checker of checkers) {
    const family = checker.incremental!.family;
    if (family !== undefined) families.set(family, [...(families.get(family) ?? []), checker]);
  }
  for (const [family, members] of families) {
    const combined = family.combine(members.map((c) => c.incremental!));
    const state: unknown = combined.begin(run.nodes);
    const failed = members.map(() => false);
    let read = 0;
    for (const length of prefixes) {
      for (; read < length; read++) combined.event(state, trace.event(read));
      const verdicts = combined.verdicts(state);
      members.forEach((checker, m) => {
        if (failed[m]) return;
        const ok = full(checker, length);
        assert.equal(verdicts[m], ok, `${checker.name} read with its family, ${where}, first ${length} events`);
        failed[m] = !ok;
      });
    }
  }
}

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
          const prefixes: number[] = [];
          for (let i = 0; i <= Math.min(EVERY_PREFIX_UP_TO, trace.length); i++) prefixes.push(i);
          for (let k = 1; k <= SPREAD_PREFIXES; k++) {
            const at = Math.round(EVERY_PREFIX_UP_TO + ((trace.length - EVERY_PREFIX_UP_TO) * k) / SPREAD_PREFIXES);
            if (at > (prefixes[prefixes.length - 1] as number)) prefixes.push(at);
          }
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

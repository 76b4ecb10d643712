import type { IncrementalCheck } from '../../src/grader';
import type { Answer, LookupRun } from './answers';
import { judgedNow, overLookups } from './overLookups';
import { PROBE_KEYS } from './workload';

/** An answer about every probe key. */
export function isFull(answer: Answer): boolean {
  return answer.keys.length === PROBE_KEYS.length;
}

/** Consecutive versions (one join or leave apart) among each version's first full answer, given in version order. */
export function changesAmong(full: readonly Answer[]): Array<[Answer, Answer]> {
  const pairs: Array<[Answer, Answer]> = [];
  for (let i = 1; i < full.length; i++) {
    const [before, after] = [full[i - 1] as Answer, full[i] as Answer];
    if (after.version.version === before.version.version + 1) pairs.push([before, after]);
  }
  return pairs;
}

/**
 * The incremental form of a measured checker over each version's first full answer (`keeps` says
 * whether those answers, in version order, are within its limit). A version's first is settled
 * once a run that ended gave it; until then the first of the runs still open stands in, as
 * `lookupsSeen` of the trace so far lists them. An ended answer that names a membership not sent
 * yet waits: one sent later in the same millisecond makes it well formed.
 */
export function overFirstFullAnswers(keeps: (full: readonly Answer[]) => boolean): IncrementalCheck<unknown> {
  return overLookups<FirstFull>({
    begin: () => ({ waiting: [], first: new Map() }),
    judge(state, ended, running, reader) {
      const { first } = state;
      const settled = [...state.waiting.map((run) => judgedNow(run, reader)), ...ended];
      state.waiting = [];
      let changed = false;
      for (const { run, answer } of settled) {
        if (answer === undefined) {
          if (run.lookup.answer !== undefined) state.waiting.push(run);
        } else if (isFull(answer) && !first.has(answer.version.version)) {
          first.set(answer.version.version, Object.freeze(answer));
          changed = true;
        }
      }
      const firsts = new Map(first);
      for (const { answer } of running) {
        if (answer === undefined || !isFull(answer) || firsts.has(answer.version.version)) continue;
        firsts.set(answer.version.version, answer);
        changed = true;
      }
      // Fewer answers than last judged (a running one cut short by a crash) break nothing new.
      return !changed || keeps([...firsts.values()].sort((a, b) => a.version.version - b.version.version));
    },
  });
}

interface FirstFull {
  waiting: LookupRun[];
  /** Each version's first full answer from a run that ended. */
  first: Map<number, Answer>;
}

import type { IncrementalCheck, IncrementalFamily, CombinedCheck, Text } from '../../src/grader';
import {
  answerFault,
  beginLookups,
  readLookupEvent,
  takeLookups,
  wellFormed,
  type Answer,
  type LookupReader,
  type LookupRun,
} from './answers';

/** A lookup as a verdict sees it: its run, what is wrong with its answer and, when nothing is, the answer. */
export interface JudgedLookup {
  readonly run: LookupRun;
  readonly fault: Text | undefined;
  readonly answer: Answer | undefined;
}

/**
 * A rule over the lookups of a run, judged at each verdict: `judge` reads the lookups whose runs
 * ended since the last verdict (for good) and those still running (as they stand), into its own
 * state, and says whether the rule holds of the run so far.
 */
export interface LookupRule<T> {
  begin(): T;
  judge(state: T, ended: readonly JudgedLookup[], running: readonly JudgedLookup[], reader: LookupReader): boolean;
}

/** What the lookup rules of a family share: one reading of the lookups, and the running ones judged last. */
interface LookupsChecked {
  reader: LookupReader;
  /** The running lookups the last verdict judged, and how many memberships had been sent then. */
  last: { running: readonly JudgedLookup[]; versions: number };
  states: unknown[];
  holds: boolean[];
}

/** The incremental form of a rule over lookups; a search reads the lookups once for all such rules. */
export function overLookups<T>(rule: LookupRule<T>): IncrementalCheck<LookupsChecked> {
  const one = combineRules([rule]);
  const form: LookupsForm = {
    begin: () => one.begin([]),
    event: (checked, e) => one.event(checked, e),
    verdict: (checked) => one.verdicts(checked)[0] as boolean,
    family: lookupsFamily,
    rule,
  };
  return form;
}

interface LookupsForm extends IncrementalCheck<LookupsChecked> {
  readonly rule: LookupRule<unknown>;
}

const lookupsFamily: IncrementalFamily = {
  combine: (members) => combineRules(members.map((m) => (m as unknown as LookupsForm).rule)),
};

function combineRules(rules: ReadonlyArray<LookupRule<unknown>>): CombinedCheck<LookupsChecked> {
  return {
    begin: () => ({
      reader: beginLookups(),
      last: Object.freeze({ running: Object.freeze([]), versions: 0 }),
      states: rules.map((r) => r.begin()),
      holds: rules.map(() => true),
    }),
    event: (checked, e) => readLookupEvent(checked.reader, e),
    verdicts(checked) {
      const { reader, last } = checked;
      const { ended, running } = takeLookups(reader);
      const judgedRunning = running.map(
        (run) => last.running.find((j) => j.run.source === run.source) ?? judgedNow(run, reader),
      );
      const unchanged =
        ended.length === 0 &&
        reader.versions.size === last.versions &&
        judgedRunning.length === last.running.length &&
        judgedRunning.every((j, i) => j === last.running[i]);
      // Nothing new since the last verdict: every rule judges as it did.
      if (unchanged) return [...checked.holds];
      const judgedEnded = ended.map((run) => judgedNow(run, reader));
      checked.last = Object.freeze({ running: Object.freeze(judgedRunning), versions: reader.versions.size });
      rules.forEach((rule, r) => {
        if (checked.holds[r]) checked.holds[r] = rule.judge(checked.states[r], judgedEnded, judgedRunning, reader);
      });
      return [...checked.holds];
    },
  };
}

/** A lookup judged under the memberships sent so far (one that waited for a membership is judged again with it). */
export function judgedNow(run: LookupRun, reader: LookupReader): JudgedLookup {
  const fault = answerFault(run.lookup, reader.versions);
  return Object.freeze({ run, fault, answer: wellFormed(run.lookup, reader.versions, fault) });
}

import assert from 'node:assert/strict';
import type { CheckedRun, Checker, IncrementalFamily } from '../../src/grader';
import { Trace } from '../../src/kernel';

/** Every event boundary up to this many events is a prefix judged; past it, SPREAD_PREFIXES spread evenly, and the whole run. */
const EVERY_PREFIX_UP_TO = 80;
const SPREAD_PREFIXES = 4;

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
 * the members of each family read together, as a search reads them. Returns the checkers whose
 * full check failed on a prefix judged.
 */
export function compareOnPrefixes(
  checkers: Checker[],
  run: Omit<CheckedRun, 'trace'>,
  trace: Trace,
  prefixes: number[],
  where: string,
): Set<string> {
  const failed = new Set<string>();
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
      if (!ok) {
        failed.add(checker.name);
        break;
      }
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
    const memberFailed = members.map(() => false);
    let read = 0;
    for (const length of prefixes) {
      for (; read < length; read++) combined.event(state, trace.event(read));
      const verdicts = combined.verdicts(state);
      members.forEach((checker, m) => {
        if (memberFailed[m]) return;
        const ok = full(checker, length);
        assert.equal(verdicts[m], ok, `${checker.name} read with its family, ${where}, first ${length} events`);
        memberFailed[m] = !ok;
      });
    }
  }
  return failed;
}

/** The prefixes of a run of `length` events to judge: every one up to EVERY_PREFIX_UP_TO, then SPREAD_PREFIXES spread evenly, the whole run last. */
export function prefixesToJudge(length: number): number[] {
  const prefixes: number[] = [];
  for (let i = 0; i <= Math.min(EVERY_PREFIX_UP_TO, length); i++) prefixes.push(i);
  for (let k = 1; k <= SPREAD_PREFIXES; k++) {
    const at = Math.round(EVERY_PREFIX_UP_TO + ((length - EVERY_PREFIX_UP_TO) * k) / SPREAD_PREFIXES);
    if (at > (prefixes[prefixes.length - 1] as number)) prefixes.push(at);
  }
  return prefixes;
}

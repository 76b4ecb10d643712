import type { ChoiceSession, RunSpec, Trace } from '../../kernel';
import type { Checker, CombinedCheck, IncrementalCheck, IncrementalFamily } from '../exercise';
import type { Failure } from '../run';
import { violationOf, type ExploreRequest } from './exploredRun';
import { copyPlain } from './plainCopy';

/** Where a search state's incremental checkers are: how much of its trace they have read, and their states. */
export interface InvariantStates {
  read: number;
  states: unknown[];
}

/** One reading of the trace: a checker's incremental form, or a family's members combined. */
interface Reading {
  form: CombinedCheck<unknown>;
  /** The checkers (indices into the invariants) it gives verdicts for, in its verdicts' order. */
  checkers: number[];
}

/**
 * The invariants of a search, checked state after state along a path: a checker with an
 * incremental form reads only the events each step added, one without checks the whole trace.
 * Members of one family are read once for all of them. When one finds a violation, the full
 * check (`judge`, every checker in order) says which and why: it is the authority, and a verdict
 * it does not confirm is no violation.
 */
export class Invariants {
  private readonly readings: Reading[];
  private readonly nodes: readonly string[];
  /** Each checker's incremental verdict in the state checked last; reused. */
  private readonly keeps: boolean[];

  constructor(
    private readonly request: ExploreRequest,
    private readonly spec: RunSpec,
  ) {
    this.readings = readingsOf(request.invariants);
    this.nodes = [...spec.nodes];
    this.keeps = request.invariants.map(() => true);
  }

  /** The states before the first event. */
  begin(): InvariantStates {
    return { read: 0, states: this.readings.map((r) => r.form.begin(this.nodes)) };
  }

  copy(states: InvariantStates): InvariantStates {
    const { readings } = this;
    const copies = new Array<unknown>(readings.length);
    for (let r = 0; r < readings.length; r++) {
      const { form } = readings[r] as Reading;
      copies[r] = form.copy ? form.copy(states.states[r]) : copyPlain(states.states[r]);
    }
    return { read: states.read, states: copies };
  }

  /** Every invariant has an incremental form: checking a state then reads no event before the last state checked. */
  get incremental(): boolean {
    return this.request.invariants.every((c) => c.incremental !== undefined);
  }

  /** The first invariant the run so far breaks, or a handler that threw; undefined when it is fine. */
  violation(run: ChoiceSession, at: InvariantStates): Failure | undefined {
    return this.broken(run, at) ? violationOf(run, this.request, this.spec) : undefined;
  }

  /**
   * Whether the run so far breaks an invariant or a handler threw, reading only the events since
   * `at` was last checked (and the whole trace for a checker without an incremental form).
   */
  broken(run: ChoiceSession, at: InvariantStates): boolean {
    const result = run.result();
    if (result.outcome.status !== 'completed') return true;
    const trace = result.trace as Trace;
    const { readings, keeps } = this;
    for (let i = at.read; i < trace.length; i++) {
      const e = trace.event(i);
      for (let r = 0; r < readings.length; r++) (readings[r] as Reading).form.event(at.states[r], e);
    }
    at.read = trace.length;
    readings.forEach(({ form, checkers }, r) => {
      const verdicts = form.verdicts(at.states[r]);
      checkers.forEach((c, m) => (keeps[c] = verdicts[m] as boolean));
    });
    return this.request.invariants.some((checker, c) =>
      checker.incremental ? !keeps[c] : !fullCheck(checker, result, trace, this.spec),
    );
  }
}

/** The checkers' incremental forms as readings: one per family, one per form of none. */
function readingsOf(checkers: readonly Checker[]): Reading[] {
  const readings: Reading[] = [];
  const families = new Map<IncrementalFamily, Array<{ form: IncrementalCheck<unknown>; checker: number }>>();
  checkers.forEach(({ incremental: form }, checker) => {
    if (form === undefined) return;
    if (form.family === undefined) {
      readings.push({ form: { ...form, verdicts: (state) => [form.verdict(state)] }, checkers: [checker] });
      return;
    }
    const members = families.get(form.family) ?? [];
    members.push({ form, checker });
    families.set(form.family, members);
  });
  for (const [family, members] of families)
    readings.push({ form: family.combine(members.map((m) => m.form)), checkers: members.map((m) => m.checker) });
  return readings;
}

function fullCheck(
  checker: Checker,
  result: ReturnType<ChoiceSession['result']>,
  trace: Trace,
  spec: RunSpec,
): boolean {
  return checker.check({
    trace,
    result,
    nodes: [...spec.nodes],
    faults: [],
    workload: [...(spec.workload ?? [])],
    duration: result.endTime,
  }).ok;
}

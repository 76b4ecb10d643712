import type { ChoiceSession, RunSpec, Trace } from '../../kernel';
import type { Checker, IncrementalCheck } from '../exercise';
import type { Failure } from '../run';
import { violationOf, type ExploreRequest } from './exploredRun';
import { copyPlain } from './plainCopy';

/** Where a search state's incremental checkers are: how much of its trace they have read, and their states. */
export interface InvariantStates {
  read: number;
  states: unknown[];
}

/**
 * The invariants of a search, checked state after state along a path: a checker with an
 * incremental form reads only the events each step added, one without checks the whole trace.
 * When one finds a violation, the full check (`judge`, every checker in order) says which and
 * why: it is the authority, and a verdict it does not confirm is no violation.
 */
export class Invariants {
  private readonly incremental: Array<IncrementalCheck<unknown>>;
  private readonly nodes: readonly string[];

  constructor(
    private readonly request: ExploreRequest,
    private readonly spec: RunSpec,
  ) {
    this.incremental = request.invariants.flatMap((c) => (c.incremental ? [c.incremental] : []));
    this.nodes = [...spec.nodes];
  }

  /** The states before the first event. */
  begin(): InvariantStates {
    return { read: 0, states: this.incremental.map((c) => c.begin(this.nodes)) };
  }

  copy(states: InvariantStates): InvariantStates {
    return { read: states.read, states: copyPlain(states.states) };
  }

  /** The first invariant the run so far breaks, or a handler that threw; undefined when it is fine. */
  violation(run: ChoiceSession, at: InvariantStates): Failure | undefined {
    const result = run.result();
    if (result.outcome.status !== 'completed') return violationOf(run, this.request, this.spec);
    const trace = result.trace as Trace;
    const { incremental } = this;
    for (let i = at.read; i < trace.length; i++) {
      const e = trace.event(i);
      for (let c = 0; c < incremental.length; c++) (incremental[c] as IncrementalCheck<unknown>).event(at.states[c], e);
    }
    at.read = trace.length;
    let c = 0;
    for (const checker of this.request.invariants) {
      const broken = checker.incremental
        ? !checker.incremental.verdict(at.states[c++])
        : !fullCheck(checker, result, trace, this.spec);
      if (broken) return violationOf(run, this.request, this.spec);
    }
    return undefined;
  }
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

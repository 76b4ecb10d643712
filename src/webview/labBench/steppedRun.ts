import { concretize, exploreRequest, exploreSpec, runSpecOf, type Checker, type Exercise } from '../../grader';
import {
  replayChoices,
  type Choice,
  type ChoiceSession,
  type FaultBudget,
  type NodeClass,
  type RunSpec,
} from '../../kernel';
import type { Trace, TraceHeader } from '../../kernel/trace';
import { benchScenario, inFlightNow, type BenchSetup, type EventTuple, type LiveUpdate } from './liveRun';
import { firstObjection, type LiveViolation } from './safetyCheck';

/** How many faults the student may choose in one stepped run. A restart is free: only a crashed node restarts. */
export const BENCH_BUDGET: Readonly<FaultBudget> = Object.freeze({ crashes: 2, drops: 5, duplicates: 5 });

/** Where a stepped run starts: the bench's setup, or the small configuration the search explores. */
export type StepOrigin = { kind: 'setup'; setup: BenchSetup } | { kind: 'explore' };

/** What step mode shows beside the run: what may happen next and how much of the fault budget is left. */
export interface StepState {
  choices: Choice[];
  budget: FaultBudget;
  spent: FaultBudget;
}

/**
 * Step mode: a run of the student's program where the student takes every step among the kernel's
 * enabled choices (deliver, drop or duplicate a message, fire a timer, crash or restart a node), the
 * same choices the search explores. Going back is replaying one choice fewer. The safety checkers
 * look at the run after every step; a violation ends the choosing.
 */
export class SteppedRun {
  private readonly run: ChoiceSession;
  private readonly spec: RunSpec;
  private readonly checkers: readonly Checker[];
  private sent = 0;
  private violation: LiveViolation | undefined;

  /** Opens the run and replays `taken` in it: the same list always gives the same run. */
  constructor(exercise: Exercise, program: NodeClass, file: string, origin: StepOrigin, taken: readonly Choice[]) {
    let budget: FaultBudget;
    if (origin.kind === 'explore') {
      const request = exploreRequest(exercise, program, file);
      this.spec = { ...exploreSpec(request), recordStates: true };
      this.checkers = request.invariants;
      budget = request.faults;
    } else {
      const { setup } = origin;
      const { scenario } = benchScenario(exercise, setup);
      const request = { exercise, scenario, program, seed: setup.seed, file, recordStates: true };
      this.spec = runSpecOf(request, concretize(scenario, setup.seed));
      this.checkers = scenario.checkers;
      budget = { ...BENCH_BUDGET };
    }
    this.run = replayChoices(this.spec, budget, taken);
    this.violation = this.check();
  }

  get header(): TraceHeader {
    return (this.run.session.trace as Trace).header;
  }

  /** Takes one of the choices the last update listed, then checks the run. */
  take(choice: Choice): LiveUpdate {
    if (this.violation === undefined) {
      this.run.take(choice);
      this.violation = this.check();
    }
    return this.update();
  }

  /** Every event of the trace so far, and what may happen next. */
  opened(): LiveUpdate {
    this.sent = 0;
    return this.update();
  }

  private update(): LiveUpdate {
    const trace = this.run.session.trace;
    const from = this.sent;
    const events: EventTuple[] = [];
    if (trace) for (let i = from; i < trace.length; i++) events.push(JSON.parse(trace.line(i)) as EventTuple);
    this.sent = from + events.length;
    const choices = this.violation === undefined ? this.run.choices() : [];
    return {
      now: this.run.session.now,
      from,
      events,
      states: this.run.session.states(),
      inFlight: inFlightNow(this.run.session),
      done: choices.length === 0 && this.violation === undefined,
      step: { choices, budget: { ...this.run.budget }, spent: { ...this.run.spent } },
      ...(this.violation ? { violation: this.violation } : {}),
    };
  }

  private check(): LiveViolation | undefined {
    const result = this.run.result();
    const trace = result.trace;
    if (trace === undefined) return undefined;
    return firstObjection(this.checkers, {
      trace,
      result,
      nodes: this.spec.nodes,
      faults: this.spec.faults ?? [],
      workload: this.spec.workload ?? [],
      duration: result.endTime,
    });
  }
}

import {
  concretize,
  runSpecOf,
  type CheckedRun,
  type Exercise,
  type Scenario,
  type StudentScenarioFile,
} from '../../grader';
import {
  messagesInFlight,
  openSession,
  type FaultSchedule,
  type InFlightCopy,
  type NodeClass,
  type RunResult,
  type Session,
} from '../../kernel';
import type { EventKind, Trace, TraceHeader } from '../../kernel/trace';
import type { StateTable } from '../../kernel/stateTable';
import { SafetyWatch, type LiveViolation } from './safetyCheck';
import type { StepState } from './steppedRun';

/** Events between two looks of the safety checkers while a run advances: a checker without an incremental form reads the whole trace at each. */
const CHECK_EVERY = 200;
/** The most messages in flight an update carries (the latest sent): a storm at ×100 stays cheap to send and draw. */
const MAX_IN_FLIGHT = 2000;

/** Where a bench run starts: a scenario of the exercise at a seed, or its setting with a blank cluster. */
export interface BenchSetup {
  /** The scenario whose network, clocks, workload and checkers the run has. */
  from: string;
  /** A blank cluster of this many nodes: the scenario's setting without its faults. */
  blank?: number;
  seed: number;
  /** Virtual ms the run may go on for. */
  duration: number;
  /** The faults added by hand, in the order they were added. */
  added: FaultSchedule;
}

/** One trace event as the kernel records it: [time, kind, node, peer, link, data]. */
export type EventTuple = [number, EventKind, number, number, number, unknown];

/** What the page needs after the run moved on. */
export interface LiveUpdate {
  /** Virtual time the run has reached. */
  now: number;
  /** The trace events from index `from` on: the page has the ones before. */
  from: number;
  events: EventTuple[];
  states: StateTable | undefined;
  /** The messages on the wire now, as the kernel holds them: the diagram draws them in flight. */
  inFlight: InFlightCopy[];
  /** The run is over: its length is reached, or a handler threw (the trace says which). */
  done: boolean;
  violation?: LiveViolation;
  /** Step mode: what may happen next, and the fault budget. */
  step?: StepState;
}

/** The session's messages in flight, the latest MAX_IN_FLIGHT of them. */
export function inFlightNow(session: Session): InFlightCopy[] {
  const all = messagesInFlight(session);
  return all.length > MAX_IN_FLIGHT ? all.slice(-MAX_IN_FLIGHT) : all;
}

/** The scenario a bench run is: what a saved scenario file replays too (see withStudentScenarios). */
export function benchScenario(exercise: Exercise, setup: BenchSetup): { scenario: Scenario; faults: FaultSchedule } {
  const base = exercise.scenarios.find((s) => s.name === setup.from);
  if (base === undefined) throw new Error(`exercise "${exercise.id}" has no scenario "${setup.from}"`);
  const nodes = setup.blank ?? base.nodes;
  const own = setup.blank === undefined ? concretize(base, setup.seed).faults : [];
  const faults = [...own, ...setup.added];
  const { runs: _runs, translations: _translations, ...rest } = base;
  return { scenario: { ...rest, nodes, duration: setup.duration, faults }, faults };
}

/** The saved scenario file of a bench run: its whole schedule, replayed at its seed. */
export function savedScenario(exercise: Exercise, setup: BenchSetup): StudentScenarioFile {
  const { scenario, faults } = benchScenario(exercise, setup);
  return { from: setup.from, seed: setup.seed, nodes: scenario.nodes, duration: setup.duration, faults };
}

/**
 * One run of the student's program on the bench, advanced in virtual time as the page asks, with
 * the scenario's safety checkers asked about the run so far after every advance.
 */
export class LiveRun {
  private readonly session: Session;
  private readonly scenario: Scenario;
  private sent = 0;
  private now = 0;
  private violation: LiveViolation | undefined;
  private readonly safety: SafetyWatch;

  constructor(
    exercise: Exercise,
    program: NodeClass,
    readonly setup: BenchSetup,
  ) {
    const { scenario } = benchScenario(exercise, setup);
    this.scenario = scenario;
    this.safety = new SafetyWatch(scenario.checkers, concretize(scenario, setup.seed).nodes);
    const request = { exercise, scenario, program, seed: setup.seed, file: '', recordStates: true };
    this.session = openSession(runSpecOf(request, concretize(scenario, setup.seed)));
  }

  /** The trace's header (lanes, seed, scenario…): the page builds its copy of the trace on it. */
  get header(): TraceHeader {
    return (this.session.trace as Trace).header;
  }

  get stopped(): boolean {
    return this.session.done || this.violation !== undefined;
  }

  /**
   * Runs every event due by virtual time `to` (at most `maxEvents` of them, so a storm cannot hold
   * the worker), checking the run so far every CHECK_EVERY events and at the end. A violation
   * stops the run, and its clock, soon after the event that broke the rule.
   */
  advance(to: number, maxEvents = 20_000): LiveUpdate {
    const session = this.session;
    let ran = 0;
    let unchecked = 0;
    while (!this.stopped && ran < maxEvents) {
      const next = session.pending()[0];
      if (next === undefined || next.time > to) break;
      session.step();
      ran++;
      if (++unchecked === CHECK_EVERY) {
        unchecked = 0;
        this.violation = this.check();
      }
    }
    if (unchecked > 0 && this.violation === undefined) this.violation = this.check();
    const cut = ran >= maxEvents || this.violation !== undefined;
    this.now = cut ? Math.max(this.now, session.now) : Math.max(this.now, Math.min(to, this.setup.duration));
    return this.update();
  }

  /** Every event of the trace so far. */
  events(): EventTuple[] {
    const trace = this.session.trace;
    const events: EventTuple[] = [];
    if (trace) for (let i = 0; i < trace.length; i++) events.push(JSON.parse(trace.line(i)) as EventTuple);
    return events;
  }

  /** The events not sent yet, every node's state so far and whether the run stopped. */
  private update(): LiveUpdate {
    const trace = this.session.trace;
    const from = this.sent;
    const events: EventTuple[] = [];
    if (trace) for (let i = from; i < trace.length; i++) events.push(JSON.parse(trace.line(i)) as EventTuple);
    this.sent = from + events.length;
    const done = this.session.done || this.now >= this.setup.duration;
    return {
      now: this.now,
      from,
      events,
      states: this.session.states(),
      inFlight: inFlightNow(this.session),
      done,
      ...(this.violation ? { violation: this.violation } : {}),
    };
  }

  /** The first safety checker, in the scenario's order, that objects to the run so far. */
  private check(): LiveViolation | undefined {
    const trace = this.session.trace;
    if (trace === undefined) return undefined;
    const result: RunResult = { ...this.partialResult(), trace };
    const concrete = concretize(this.scenario, this.setup.seed);
    const run: CheckedRun = {
      trace,
      result,
      nodes: concrete.nodes,
      faults: concrete.faults,
      workload: concrete.workload,
      duration: this.now,
    };
    return this.safety.objection(run);
  }

  /** The run's counters so far, read from its trace: a session tells them only at its end. */
  private partialResult(): Omit<RunResult, 'trace'> {
    const trace = this.session.trace;
    const messages = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byType: {} as Record<string, number> };
    if (trace)
      for (let i = 0; i < trace.length; i++) {
        const kind = trace.kindAt(i);
        if (kind === 'send') {
          messages.sent++;
          const type = (trace.event(i).data as { type?: unknown } | undefined)?.type;
          if (typeof type === 'string') messages.byType[type] = (messages.byType[type] ?? 0) + 1;
        } else if (kind === 'deliver') messages.delivered++;
        else if (kind === 'drop') messages.dropped++;
        else if (kind === 'duplicate') messages.duplicated++;
      }
    return { outcome: { status: 'completed' }, endTime: this.now, events: trace?.length ?? 0, messages };
  }
}

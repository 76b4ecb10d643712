import type {
  ClientRequest,
  EventKind,
  FaultSchedule,
  Instrumentation,
  NetworkConfig,
  NodeId,
  ObservedState,
  Random,
  RunResult,
  Trace,
  TraceEvent,
} from '../kernel';
import type { Measurement } from './checkers/measured';
import type { ExploreSetup, ScenarioSearch } from './explore/setup';
import type { FaultSubmission } from './faultSubmission';
import type { Text, Translations } from './language';

/** What a checker concludes about one run; a measured checker's verdict carries its figure, passing or not. */
export type Verdict =
  | { ok: true; note?: string; measurement?: Measurement }
  | {
      ok: false;
      /**
       * Names the property, the nodes and the virtual time: "two leaders in term 3: n1 at 1520 ms
       * and n3 at 1544 ms". In every language when filled from a Template.
       */
      explanation: string | Text;
      /** Virtual time of the violation, ms. */
      at?: number;
      nodes?: NodeId[];
      /** Trace events to highlight. */
      events?: number[];
      measurement?: Measurement;
    };

/** One finished run, as checkers see it; S is the node state the exercise observes. */
export interface CheckedRun<S extends ObservedState = ObservedState> {
  trace: Trace<S>;
  result: RunResult<S>;
  nodes: readonly NodeId[];
  faults: FaultSchedule;
  workload: readonly ClientRequest[];
  duration: number;
}

export interface Checker<S extends ObservedState = ObservedState> {
  /** Short id: "election-safety". */
  name: string;
  /** The property in words: "at most one leader per term". */
  property: string;
  translations?: Translations<{ property: string }>;
  /**
   * A safety property (nothing bad ever happens): true of every prefix of a correct run, and reading
   * only the order of events, not how long anything took. So it can be checked while a run goes on
   * (the lab bench does) and in every state an exhaustive search reaches (`distsys explore` does).
   */
  safety?: boolean;
  /**
   * True of a correct run under any fault schedule, not only its scenario's: safety checkers are, and
   * so is a liveness checker that counts from the last fault's healing and passes a run that ends too
   * soon to ask anything of it. A scenario a student saves from the lab bench runs only these.
   */
  anySchedule?: boolean;
  check(run: CheckedRun<S>): Verdict;
  /**
   * A safety checker's judgement fed one event at a time, for a search that checks every state it
   * reaches: each state then costs only the events its step added. It must judge every prefix of
   * a run as `check` does, up to the first prefix `check` fails; `check` stays the authority and
   * explains what went wrong. Without it, the whole trace is checked in every state.
   */
  incremental?: IncrementalCheck<unknown, S>;
}

/**
 * `begin` gives the state before the first event, `event` reads one event into it, `verdict`
 * says whether the events so far keep the property. The state is plain data (objects, arrays,
 * Maps and Sets of plain values; frozen objects such as messages are shared), so a copy of a
 * search state copies it.
 */
export interface IncrementalCheck<T, S extends ObservedState = ObservedState> {
  begin(nodes: readonly NodeId[]): T;
  event(state: T, e: TraceEvent<EventKind, S>): void;
  verdict(state: T): boolean;
  /**
   * A copy of a state, for a search's fork, that neither later events of the original nor of the
   * copy change: faster than the deep copy of its plain data made without it.
   */
  copy?(state: T): T;
  /** Checkers that read the trace alike and judge it differently: a search reads once for all of a family's members. */
  family?: IncrementalFamily<S>;
}

/** Several members of one family as one form, with one verdict per member, in their order. */
export interface CombinedCheck<T, S extends ObservedState = ObservedState> {
  begin(nodes: readonly NodeId[]): T;
  event(state: T, e: TraceEvent<EventKind, S>): void;
  verdicts(state: T): boolean[];
  /** A copy of a state, for a search's fork; without it, a deep copy of its plain data. */
  copy?(state: T): T;
}

export interface IncrementalFamily<S extends ObservedState = ObservedState> {
  combine(members: ReadonlyArray<IncrementalCheck<unknown, S>>): CombinedCheck<unknown, S>;
}

/** Writes an incremental form with its state's type inferred from `begin`. */
export function incrementalCheck<T, S extends ObservedState = ObservedState>(
  form: IncrementalCheck<T, S>,
): IncrementalCheck<T, S> {
  return form;
}

/** Everything a scenario draws from its seed gets its own stream, so each is stable on its own. */
export interface ScenarioSetup {
  nodes: readonly NodeId[];
  duration: number;
  rng: Random;
}

/** A process a scenario adds beside its nodes; it runs the student's program, which reads `ctx.role`. */
export interface ScenarioProcess {
  id: NodeId;
  role: string;
}

export interface Scenario<S extends ObservedState = ObservedState> {
  /** Kebab-case, unique in its exercise: "leader-crash". */
  name: string;
  /** One sentence for the student: what this tests. */
  description: string;
  translations?: Translations<{ description: string }>;
  points: number;
  nodes: number;
  /** Virtual ms. */
  duration: number;
  network: NetworkConfig;
  /** A fixed schedule, or one generated from the seed. */
  faults: FaultSchedule | ((setup: ScenarioSetup) => FaultSchedule);
  clocks?:
    | Record<NodeId, { skewMs?: number; drift?: number }>
    | ((setup: ScenarioSetup) => Record<NodeId, { skewMs?: number; drift?: number }>);
  workload?: readonly ClientRequest[] | ((setup: ScenarioSetup) => ClientRequest[]);
  /** Processes beside the nodes, each running the student's program under its own role: clients… */
  processes?: readonly ScenarioProcess[];
  /**
   * The scenario's own instrumentation, drawn from each seed (the operations its clients are
   * given…); it replaces the exercise's.
   */
  instrument?: (setup: ScenarioSetup) => Instrumentation<S>;
  checkers: Checker<S>[];
  /**
   * A generated family (its schedule drawn from the seed, see nemesis.ts) asks for its own number
   * of runs: rare combinations need many. Named scenarios run the grade's seed count.
   */
  runs?: { quick: number; thorough: number };
  /** The seeds it always runs, whatever the grade's count (a student's saved scenario replays its own run). */
  seeds?: readonly number[];
  /**
   * Graded by exhaustive search too: once its own run passes, every order of its first choices is
   * searched for a state that breaks one of its safety checkers (see explore/graded.ts).
   */
  search?: ScenarioSearch;
}

export interface Exercise<S extends ObservedState = ObservedState> {
  /** Kebab-case id used by the CLI: "raft-election". */
  id: string;
  title: string;
  /** The file a student edits, relative to the lesson folder. */
  starter: string;
  instrument?: Instrumentation<S>;
  scenarios: Scenario<S>[];
  translations?: Translations<{ title: string }>;
  /** Its invariants and the small configuration `distsys explore` searches exhaustively. */
  explore?: ExploreSetup;
  /**
   * What the student hands in: a node class in TypeScript when absent; a fault schedule that must
   * break a given program (see faultSubmission.ts) when set.
   */
  submission?: FaultSubmission;
}

export function nodeNames(count: number): NodeId[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

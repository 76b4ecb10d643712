import type { StudentScenarioFile } from '../../grader';
import type { Choice } from '../../kernel/choices';
import type { TraceHeader } from '../../kernel/trace';
import type { BenchSetup, LiveUpdate } from './liveRun';
import type { StepOrigin } from './steppedRun';

/**
 * Messages of the lab bench. The extension sends the page the exercise, the student's file and the
 * worker's script; the page runs the student's code in that Web Worker, which keeps the run and
 * advances it as the page's clock asks.
 */

/** A scenario the bench can start from, as the page lists it. */
export interface BenchScenario {
  name: string;
  description: string;
  nodes: number;
  duration: number;
  /** A generated family: its faults are drawn from the seed. */
  generated: boolean;
}

export type HostToBench =
  | {
      type: 'init';
      exercise: string;
      title: string;
      file: string;
      source: string;
      scenarios: BenchScenario[];
      /** The exercise has a small configuration to search exhaustively. */
      explorable: boolean;
      /** The worker's script: the page starts it from a blob, so nothing loads from anywhere else. */
      workerScript: string;
    }
  /** The student's file changed: the same run, replayed with the new code. */
  | { type: 'source'; source: string }
  /** Where a saved scenario was written. */
  | { type: 'saved'; file: string };

export type BenchToHost =
  | { type: 'ready' }
  /** Save the run as a scenario beside the student's file (the host asks for its name). */
  | { type: 'save'; scenario: StudentScenarioFile }
  /** Open the student's file at a line (a syntax error or a stack points there). */
  | { type: 'openSource'; line: number; column: number };

/** The page's requests to its worker. */
export type PageToWorker =
  /**
   * (Re)starts the run from the beginning with this code and setup: in time order to `to`, or in
   * step mode from `stepping.origin` through the choices taken, in order.
   */
  | {
      type: 'open';
      exercise: string;
      source: string;
      file: string;
      setup: BenchSetup;
      to: number;
      stepping?: { origin: StepOrigin; choices: Choice[] };
    }
  /** Step mode: takes this choice next. */
  | { type: 'choose'; choice: Choice }
  /** Searches the exercise's small configuration breadth-first with this code. */
  | { type: 'explore'; exercise: string; source: string; file: string }
  /** Runs on to virtual time `to`. */
  | { type: 'advance'; to: number };

export type WorkerToPage =
  /** The run restarted: the page drops its events and takes these (`from` is 0). */
  | { type: 'opened'; header: TraceHeader; update: LiveUpdate }
  | { type: 'advanced'; update: LiveUpdate }
  /** The search finished a depth. */
  | { type: 'exploring'; depth: number; states: number }
  /** The search is over: the shortest path to a violation, or nothing within `depth`. */
  | { type: 'explored'; nodes: number; depth: number; states: number; complete: boolean; violation?: Choice[] }
  /** The code could not be loaded: the run before, if any, goes on unchanged. */
  | { type: 'load-error'; message: string; line?: number; column?: number }
  | { type: 'failed'; message: string };

/** Checks what arrived on the window really is a host message (anything may post to a window). */
export function asHostToBench(data: unknown): HostToBench | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'init':
      return typeof m.exercise === 'string' &&
        typeof m.title === 'string' &&
        typeof m.file === 'string' &&
        typeof m.source === 'string' &&
        typeof m.workerScript === 'string' &&
        typeof m.explorable === 'boolean' &&
        Array.isArray(m.scenarios) &&
        m.scenarios.every(isBenchScenario)
        ? (m as HostToBench)
        : undefined;
    case 'source':
      return typeof m.source === 'string' ? { type: 'source', source: m.source } : undefined;
    case 'saved':
      return typeof m.file === 'string' ? { type: 'saved', file: m.file } : undefined;
    default:
      return undefined;
  }
}

function isBenchScenario(s: unknown): s is BenchScenario {
  if (typeof s !== 'object' || s === null) return false;
  const b = s as Record<string, unknown>;
  return (
    typeof b.name === 'string' &&
    typeof b.description === 'string' &&
    typeof b.nodes === 'number' &&
    typeof b.duration === 'number' &&
    typeof b.generated === 'boolean'
  );
}

/** Checks a page message on the host's side: a save carries a scenario the grader can read back. */
export function asBenchToHost(data: unknown): BenchToHost | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'save':
      return typeof m.scenario === 'object' && m.scenario !== null
        ? { type: 'save', scenario: m.scenario as StudentScenarioFile }
        : undefined;
    case 'openSource':
      return Number.isInteger(m.line) && Number.isInteger(m.column)
        ? { type: 'openSource', line: m.line as number, column: m.column as number }
        : undefined;
    default:
      return undefined;
  }
}

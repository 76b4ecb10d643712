import type { Failure } from '../../grader/run';

/**
 * Messages between the trace viewer webview and its host (the extension, or a test page).
 * The view says `ready` once it listens; the host answers with `showTrace`, and sends it again
 * whenever the run changes (a re-run with another seed, a shrunk schedule).
 */

/** What the checkers concluded about the run: the shape of a trace file's footer. */
export interface TraceVerdict {
  passed: boolean;
  failure?: Failure;
  /** What passing checkers had to say. */
  notes?: string[];
}

export interface ShowTraceMessage {
  type: 'showTrace';
  /** A trace file (`Trace.toLines` joined with newlines). */
  traceText: string;
  title: string;
  /** Overrides the verdict in the trace's footer, if the file has one. */
  verdict?: TraceVerdict;
  /** Event indices to ring and scroll to. */
  highlight?: number[];
  /** A line above the verdict: which submission this run is of, when the file has changed since. */
  note?: string;
}

export type HostToTraceViewer = ShowTraceMessage;

export type TraceViewerToHost =
  | { type: 'ready' }
  /** Run the same program and scenario again with another seed. */
  | { type: 'rerun'; seed: number }
  /** Shrink the failing run's fault schedule to a smaller one that still fails. */
  | { type: 'shrink' }
  /** Save the trace file somewhere the student chooses. */
  | { type: 'export' }
  /** Open the student's file at a line a failure points to (1-based, as stacks count). */
  | { type: 'openSource'; file: string; line: number; column: number };

/** Checks what arrived on the message channel really is a host message (anything may post to a window). */
export function asHostMessage(data: unknown): HostToTraceViewer | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type !== 'showTrace' || typeof m.traceText !== 'string') return undefined;
  const highlight = Array.isArray(m.highlight)
    ? m.highlight.filter((i): i is number => Number.isInteger(i))
    : undefined;
  const out: ShowTraceMessage = {
    type: 'showTrace',
    traceText: m.traceText,
    title: typeof m.title === 'string' ? m.title : 'Trace',
  };
  if (isVerdict(m.verdict)) out.verdict = m.verdict;
  if (highlight) out.highlight = highlight;
  if (typeof m.note === 'string') out.note = m.note;
  return out;
}

export function isVerdict(v: unknown): v is TraceVerdict {
  if (typeof v !== 'object' || v === null || typeof (v as TraceVerdict).passed !== 'boolean') return false;
  const failure = (v as TraceVerdict).failure;
  return (
    failure === undefined ||
    (typeof failure === 'object' && failure !== null && typeof failure.explanation === 'string')
  );
}

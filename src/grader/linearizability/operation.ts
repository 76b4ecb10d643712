import { HistoryError } from './errors';

/** How an operation ended: `ok` it happened, `fail` it surely did not, `info` nobody knows. */
export type Outcome = 'ok' | 'fail' | 'info';

/**
 * One client operation as a history records it. Times only need to order events: virtual ms,
 * line numbers of a log, trace positions. An operation invoked at the very time another completed
 * counts as overlapping it.
 */
export interface HistoryOperation {
  /** The client that ran it; a client runs one operation at a time. */
  process: string;
  /** The function: read, write, cas, get, put, append… as the model names them. */
  f: string;
  /** What the client passed at invoke. */
  value: unknown;
  outcome: Outcome;
  invoke: number;
  /** When it completed; absent when it never did. Ignored for `info`, which may take effect at any later time. */
  complete?: number;
  /** What it returned (`ok` only). */
  result?: unknown;
}

/** Stands for the result of an operation whose outcome is unknown: it may have returned anything. */
export const UNKNOWN: unique symbol = Symbol('unknown result');
export type Output = unknown;

/** An operation the checker must place: `fail`s are gone, and an unknown outcome never completes. */
export interface Operation {
  /** Its position in the history the checker was given. */
  id: number;
  process: string;
  f: string;
  input: unknown;
  /** What it returned, or UNKNOWN. */
  output: Output;
  call: number;
  /** Infinity when its outcome is unknown. */
  ret: number;
}

/** Drops what did not happen and gives operations of unknown outcome no completion. */
export function operationsOf(history: readonly HistoryOperation[]): Operation[] {
  const operations: Operation[] = [];
  history.forEach((op, id) => {
    if (op.outcome === 'fail') return;
    const known = op.outcome === 'ok' && op.complete !== undefined;
    if (op.outcome === 'ok' && op.complete === undefined)
      throw new HistoryError(id, `${processName(op.process)}'s ${op.f} is ok but has no completion time`);
    if (known && (op.complete as number) < op.invoke)
      throw new HistoryError(
        id,
        `${processName(op.process)}'s ${op.f} completes (${op.complete}) before it is invoked (${op.invoke})`,
      );
    operations.push({
      id,
      process: op.process,
      f: op.f,
      input: op.value,
      output: known ? op.result : UNKNOWN,
      call: op.invoke,
      ret: known ? (op.complete as number) : Infinity,
    });
  });
  return operations;
}

/** How sentences name a process: Jepsen's are numbers ("process 3"), the simulator's are names ("c1"). */
export function processName(process: string): string {
  return /^\d+$/.test(process) ? `process ${process}` : process;
}

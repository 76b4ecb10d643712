import type { Op } from '../../kernel';
import { HistoryError } from './errors';
import type { HistoryOperation } from './operation';

/**
 * The kernel's history (`historyOf(trace)`: each `ctx.history` call in order) as operations: an
 * invoke with the same process's next completion. An invoke left open at the end never completed.
 * Times are virtual ms.
 */
export function operationsFromKernel(ops: readonly Op[]): HistoryOperation[] {
  const history: HistoryOperation[] = [];
  const open = new Map<string, number>();
  for (const op of ops) {
    const pending = open.get(op.process);
    if (op.type === 'invoke') {
      if (pending !== undefined)
        throw new HistoryError(
          history.length,
          `${op.process} invoked ${op.f} at ${op.time} ms (trace event ${op.index}) while its ${(history[pending] as HistoryOperation).f} was still open`,
        );
      open.set(op.process, history.length);
      history.push({ process: op.process, f: op.f, value: op.value, outcome: 'info', invoke: op.time });
      continue;
    }
    if (pending === undefined)
      throw new HistoryError(
        history.length,
        `${op.process} recorded ${op.type} ${op.f} at ${op.time} ms (trace event ${op.index}) with no operation open`,
      );
    const invoked = history[pending] as HistoryOperation;
    if (invoked.f !== op.f)
      throw new HistoryError(
        pending,
        `${op.process} invoked ${invoked.f} but recorded ${op.type} ${op.f} at ${op.time} ms (trace event ${op.index})`,
      );
    open.delete(op.process);
    history[pending] = { ...invoked, outcome: op.type, complete: op.time, result: op.value };
  }
  return history;
}

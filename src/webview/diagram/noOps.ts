import type { DiagramModel } from './model';
import type { StateValues } from './states';

/**
 * The events stepping passes over because nothing visible happens at them: a node reporting the
 * state it already had (the kernel records one after every handler). A student stepping through
 * a run wants the next thing that changes, not ten identical states in a row.
 */
export function noOpEvents(model: Pick<DiagramModel, 'count' | 'states'>): Uint8Array {
  const skip = new Uint8Array(model.count);
  for (const segments of model.states.byRow) {
    for (let k = 1; k < segments.length; k++) {
      const before = segments[k - 1]!;
      const now = segments[k]!;
      // A crash in between ends the earlier state: the same state after a restart is news.
      if (before.t1 === now.t0 && sameValues(before.values, now.values)) skip[now.event] = 1;
    }
  }
  return skip;
}

function sameValues(a: StateValues, b: StateValues): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

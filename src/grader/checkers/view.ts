import type { ObservedState, Trace } from '../../kernel';

/** A trace's views, by the function that computes them, as of the trace's length when they were computed. */
interface Views {
  length: number;
  byCompute: Map<unknown, unknown>;
}

/** Each trace's views; a trace that is dropped takes its views with it. */
const views = new WeakMap<Trace<never>, Views>();

/**
 * A view of one run (its state changes, its handler runs, a history) computed once, however many
 * checkers ask for it: the trace is the run, and `compute` names the view. Views are shared, so
 * they are read, never changed. A trace that grew since (a run checked after every step, as the
 * exhaustive search does) has its views computed again.
 */
export function view<S extends ObservedState, T>(trace: Trace<S>, compute: (trace: Trace<S>) => T): T {
  const key = trace as unknown as Trace<never>;
  let cache = views.get(key);
  if (cache === undefined || cache.length !== trace.length)
    views.set(key, (cache = { length: trace.length, byCompute: new Map() }));
  if (!cache.byCompute.has(compute)) cache.byCompute.set(compute, compute(trace));
  return cache.byCompute.get(compute) as T;
}

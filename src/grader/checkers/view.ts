import type { ObservedState, Trace } from '../../kernel';

/** Each trace's views, by the function that computes them; a trace that is dropped takes its views with it. */
const views = new WeakMap<Trace<never>, Map<unknown, unknown>>();

/**
 * A view of one run (its state changes, its handler runs, a history) computed once, however many
 * checkers ask for it: the trace is the run, and `compute` names the view. Views are shared, so
 * they are read, never changed.
 */
export function view<S extends ObservedState, T>(trace: Trace<S>, compute: (trace: Trace<S>) => T): T {
  const key = trace as unknown as Trace<never>;
  let cache = views.get(key);
  if (cache === undefined) views.set(key, (cache = new Map()));
  if (!cache.has(compute)) cache.set(compute, compute(trace));
  return cache.get(compute) as T;
}

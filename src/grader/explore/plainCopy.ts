/**
 * A deep copy of plain data: objects, arrays, Maps and Sets, copied; frozen objects (recorded
 * messages and states), Map keys and Set members (kept primitive) shared. What an incremental
 * checker's state holds. A search copies one per state it forks: builtin copies first, then only
 * the nested values that need copies of their own.
 */
export function copyPlain<T>(value: T): T {
  return (needsCopy(value) ? copyObject(value as object) : value) as T;
}

function needsCopy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Object.isFrozen(value);
}

function copyObject(value: object): unknown {
  if (Array.isArray(value)) {
    const copy = value.slice();
    for (let i = 0; i < copy.length; i++) if (needsCopy(copy[i])) copy[i] = copyObject(copy[i] as object);
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>(value as Map<unknown, unknown>);
    copy.forEach(copyMapValue);
    return copy;
  }
  if (value instanceof Set) return new Set(value as Set<unknown>);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in copy) {
    const field = copy[key];
    if (needsCopy(field)) copy[key] = copyObject(field as object);
  }
  return copy;
}

/** Replacing the value of a key the walk is at is allowed: the walk neither revisits nor skips it. */
function copyMapValue(v: unknown, k: unknown, map: Map<unknown, unknown>): void {
  if (needsCopy(v)) map.set(k, copyObject(v as object));
}

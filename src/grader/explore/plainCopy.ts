/**
 * A deep copy of plain data: objects, arrays, Maps and Sets, copied; frozen objects (recorded
 * messages and states), Map keys and Set members (kept primitive) shared. What an incremental
 * checker's state holds.
 */
export function copyPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    for (const [k, v] of value as Map<unknown, unknown>) copy.set(k, copyPlain(v));
    return copy as T;
  }
  if (value instanceof Set) return new Set(value as Set<unknown>) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain((value as Record<string, unknown>)[key]);
  return copy as T;
}

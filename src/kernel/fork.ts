import { makeContext } from './context';
import type { Scheduler } from './scheduler';
import type { World } from './world';

/**
 * Copies a world at a point between steps, so a search can go on from one state along several
 * choices without replaying the path to it. Kernel objects are copied field by field, keeping
 * which object refers to which; frozen objects (messages) and the run's spec are shared. A
 * process's node is copied only when it is plain data: objects, arrays, Maps, Sets and Dates of
 * plain values, instances of its classes included, its context wherever it holds it. A function
 * held as data (an arrow-function field, a saved `ctx.storage`) closes over the original and
 * cannot be copied: then there is no fork, and the caller replays instead.
 *
 * What a fork cannot see is the module's own state: a copied node shares its class, and so its
 * module, with the original. Nodes are booted from a fresh module each, so that is state only a
 * module-level variable holds; a search checks forks against replays (see the explorer).
 */
export function forkWorld(world: World): { world: World; scheduler: Scheduler } | undefined {
  const copier = new Copier(world);
  try {
    const copy = copier.copy(world, false) as World;
    copier.reconnect(copy);
    return { world: copy, scheduler: (copy as unknown as { scheduler: Scheduler }).scheduler };
  } catch (error) {
    if (error instanceof NotPlainData) return undefined;
    throw error;
  }
}

/** The parts of a world that are set when it is built and never change, and the scheduler's spare entries. */
interface FixedParts {
  laneIndex: object;
  roles: object;
  sendCalls: object;
  triggers: object;
  wire: { links: object };
  scheduler: { spare: object };
}

/** Thrown through the copy when a node holds something it cannot copy. */
class NotPlainData extends Error {}

class Copier {
  private readonly copies = new Map<object, unknown>();
  /** Where a copied node held its context: patched with the copy's context once it exists. */
  private readonly contextHolders: Array<{ holder: Record<PropertyKey, unknown>; key: PropertyKey; slot: number }> = [];
  private readonly contexts: Map<object, number>;

  constructor(original: World) {
    this.contexts = new Map(original.slots.map((slot, i) => [slot.ctx as object, i]));
    const fixed = original as unknown as FixedParts;
    // What no step changes is shared: the spec (programs, instrumentation, hooks) and the tables built from it.
    for (const shared of [
      original.spec,
      original.lanes,
      fixed.laneIndex,
      fixed.roles,
      fixed.sendCalls,
      fixed.triggers,
      fixed.wire.links,
    ])
      this.copies.set(shared, shared);
    if (original.trace) this.copies.set(original.trace, original.trace.copy());
    // Handled entries kept for reuse: a copy starts with none.
    this.copies.set(fixed.scheduler.spare, []);
  }

  /** `node`: inside a process's node, where only plain data may be. */
  copy(value: unknown, node: boolean): unknown {
    if (typeof value === 'function') {
      if (node) throw new NotPlainData();
      return value;
    }
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
    const done = this.copies.get(value);
    if (done !== undefined) return done;
    if (ArrayBuffer.isView(value)) {
      const view = value as unknown as { slice(): unknown };
      return this.remember(value, view.slice());
    }
    if (value instanceof Date) return this.remember(value, new Date(value.getTime()));
    if (Array.isArray(value)) {
      const out: unknown[] = this.remember(value, new Array<unknown>(value.length));
      for (let i = 0; i < value.length; i++) out[i] = this.copy(value[i], node);
      return out;
    }
    if (value instanceof Map) {
      const out = this.remember(value, new Map<unknown, unknown>());
      for (const [k, v] of value as Map<unknown, unknown>) out.set(this.copy(k, node), this.copy(v, node));
      return out;
    }
    if (value instanceof Set) {
      const out = this.remember(value, new Set<unknown>());
      for (const v of value as Set<unknown>) out.add(this.copy(v, node));
      return out;
    }
    const source = value as Record<string, unknown>;
    // Object.assign copies every field in one builtin call; the loop below then only overwrites them. Adding
    // the fields one by one to an empty object by computed key took the runtime's slow path.
    const empty: object = Object.create(Object.getPrototypeOf(value) as object | null) as object;
    const target = this.remember(value, Object.assign(empty, source));
    for (const key of Object.keys(source)) {
      const field = target[key];
      if (typeof field !== 'object' || field === null) {
        if (typeof field === 'function' && node) throw new NotPlainData();
        continue;
      }
      const slot = this.contexts.get(field);
      if (slot !== undefined) {
        // The world's own reference is rebuilt by reconnect; a node's is patched to the copy's context.
        if (node) this.contextHolders.push({ holder: target, key, slot });
        continue;
      }
      // A process's node (the slot's `instance`) is where plain data is required.
      target[key] = this.copy(field, node || key === 'instance');
    }
    return target;
  }

  /** Every copied process gets a context of its own, and its node the same one wherever it held the old. */
  reconnect(world: World): void {
    for (const slot of world.slots) slot.ctx = makeContext(world, slot);
    for (const { holder, key, slot } of this.contextHolders) holder[key] = world.slots[slot]!.ctx;
  }

  private remember<T>(original: object, copy: T): T {
    this.copies.set(original, copy);
    return copy;
  }
}

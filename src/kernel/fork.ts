import { makeContext } from './context';
import { EventQueue } from './eventQueue';
import type { SimEvent } from './events';
import { Partitions } from './network';
import type { Random } from './prng';
import { ProcessSlot } from './processSlot';
import { Scheduler } from './scheduler';
import type { Trace } from './trace';
import { Wire } from './wire';
import { World } from './world';

/**
 * Copies a world at a point between steps, so a search can go on from one state along several
 * choices without replaying the path to it. Kernel objects are copied field by field, keeping
 * which object refers to which; frozen objects (messages) and the run's spec are shared. A
 * process's node is copied only when it is plain data: objects, arrays, Maps, Sets and Dates of
 * plain values, instances of its classes included, its context wherever it holds it. A function
 * held as data (an arrow-function field, a saved `ctx.storage`) closes over the original and
 * cannot be copied: then there is no fork, and the caller replays instead.
 *
 * Nodes are copied on write: the copy and the original share each process's node and context
 * (`ProcessSlot.shared`) until a handler is about to run there (`ownInstance`). A step runs one
 * handler, so a search copies one node per state, not every node per fork.
 *
 * `traceFromHere`: the copy's trace holds only the events it records (see `Trace.copyFromHere`).
 *
 * What a fork cannot see is the module's own state: a copied node shares its class, and so its
 * module, with the original. Nodes are booted from a fresh module each, so that is state only a
 * module-level variable holds; a search checks forks against replays (see the explorer).
 */
export function forkWorld(world: World, traceFromHere = false): { world: World; scheduler: Scheduler } | undefined {
  for (const slot of world.slots) {
    if (slot.plain || slot.instance === undefined) continue;
    if (!holdsOnlyData(slot.instance, slot.ctx)) return undefined;
    slot.plain = true;
  }
  const w = world as unknown as Fields;
  const slots = world.slots.map(copySlot);
  const scheduler = copyScheduler(w.scheduler as Scheduler, world.slots, slots);
  const trace = traceFromHere ? world.trace?.copyFromHere() : world.trace?.copy();
  const copy = Object.create(World.prototype) as Fields;
  // Field by field, by name: one shape for every copy, and no generic copy on the hot path.
  copy.spec = w.spec;
  copy.scheduler = scheduler;
  copy.now = w.now;
  copy.outcome = w.outcome;
  copy.current = undefined;
  copy.lanes = w.lanes;
  copy.slots = slots;
  copy.wire = copyWire(w.wire as Fields, scheduler, trace, copy);
  copy.trace = trace;
  copy.states = world.states && new Copier().copy(world.states, false);
  copy.laneIndex = w.laneIndex;
  copy.roles = w.roles;
  copy.sendCalls = w.sendCalls;
  copy.peers = w.peers;
  copy.triggers = w.triggers;
  copy.observing = w.observing;
  copy.hooks = w.hooks;
  copy.nextToken = w.nextToken;
  for (const slot of world.slots) slot.shared = true;
  for (const slot of slots) slot.shared = true;
  return { world: copy as unknown as World, scheduler };
}

/** A kernel object's fields by name, private ones included: what a fork copies one by one. */
type Fields = Record<string, unknown>;

/** The network: its counts, cut links and streams copied, its links' behaviour shared. */
function copyWire(wire: Fields, scheduler: Scheduler, trace: Trace | undefined, world: Fields): Wire {
  const counts = wire.counts as Wire['counts'];
  const partitions = wire.partitions as Fields;
  const cut = Object.create(Partitions.prototype) as Fields;
  cut.cut = (partitions.cut as Uint8Array).slice();
  cut.width = partitions.width;
  cut.laneIndex = partitions.laneIndex;
  cut.active = partitions.active;
  const copy = Object.create(Wire.prototype) as Fields;
  copy.scheduler = scheduler;
  copy.trace = trace;
  copy.clock = world;
  // Written out: spreading the counts was a tenth of a fork.
  const { sent, delivered, dropped, duplicated, byType } = counts;
  copy.counts = { sent, delivered, dropped, duplicated, byType: { ...byType } };
  copy.partitions = cut;
  copy.links = wire.links;
  copy.linkRng = (wire.linkRng as Random[]).map((rng) => rng.copy());
  copy.width = wire.width;
  copy.lossUntil = wire.lossUntil;
  copy.lossRate = wire.lossRate;
  copy.spikeUntil = wire.spikeUntil;
  copy.spikeMs = wire.spikeMs;
  copy.duplicateUntil = wire.duplicateUntil;
  copy.duplicateRate = wire.duplicateRate;
  return copy as unknown as Wire;
}

/**
 * A process: its node, context, memory, storage and send counts shared (copied on write), its
 * timers, clock and stream its own.
 */
function copySlot(slot: ProcessSlot): ProcessSlot {
  const copy = new ProcessSlot(slot.index, slot.id, slot.role, slot.program, slot.clock.copy(), slot.rng.copy(), slot);
  copy.up = slot.up;
  copy.pausedUntil = slot.pausedUntil;
  copy.instance = slot.instance;
  for (const [name, timer] of slot.timers) copy.timers.set(name, timer.copy());
  copy.sends = slot.sends;
  copy.lastState = slot.lastState;
  copy.shown = slot.shown;
  copy.ctx = slot.ctx;
  copy.keyHash = slot.keyHash;
  copy.plain = slot.plain;
  return copy;
}

/**
 * The pending entries, each pointing at the copy's timer of its name. An entry of a timer its
 * process no longer holds (lost in a crash) keeps the old one: its token stays 0 for good.
 */
function copyScheduler(scheduler: Scheduler, originals: ProcessSlot[], slots: ProcessSlot[]): Scheduler {
  const queue = (scheduler as unknown as Fields).queue as Fields;
  const heap = (queue.heap as SimEvent[]).map((ev) => {
    const timer = ev.timer;
    if (timer === undefined || originals[ev.node]?.timers.get(timer.name) !== timer) return ev.copy(timer);
    return ev.copy(slots[ev.node]?.timers.get(timer.name));
  });
  const queueCopy = Object.create(EventQueue.prototype) as Fields;
  queueCopy.heap = heap;
  queueCopy.counter = queue.counter;
  const copy = Object.create(Scheduler.prototype) as Fields;
  copy.queue = queueCopy;
  // Handled entries kept for reuse: a copy starts with none.
  copy.spare = [];
  return copy as unknown as Scheduler;
}

/**
 * Gives the slot a node and a context of its own, copies of those it shares with a fork, before
 * one of its handlers runs: the node's references to its context go to the new one.
 */
export function ownInstance(world: World, slot: ProcessSlot): void {
  const copier = new Copier();
  // The new context's extra API reads the slot's memory: a copy of its own first.
  slot.memory = copier.copy(slot.memory, true) as ProcessSlot['memory'];
  const ctx = makeContext(world, slot);
  copier.share(slot.ctx, ctx);
  slot.instance = copier.copy(slot.instance, true) as ProcessSlot['instance'];
  slot.ctx = ctx;
  slot.shared = false;
}

/** Whether a node holds plain data only, its context aside: what the copier copies without meeting a function. */
function holdsOnlyData(instance: object, ctx: unknown): boolean {
  const seen = new Set<unknown>([ctx]);
  const walk = (value: unknown): boolean => {
    if (typeof value === 'function') return false;
    if (typeof value !== 'object' || value === null || Object.isFrozen(value) || seen.has(value)) return true;
    seen.add(value);
    if (ArrayBuffer.isView(value) || value instanceof Date) return true;
    if (Array.isArray(value)) return value.every(walk);
    if (value instanceof Map) {
      for (const [k, v] of value as Map<unknown, unknown>) if (!walk(k) || !walk(v)) return false;
      return true;
    }
    if (value instanceof Set) {
      for (const v of value as Set<unknown>) if (!walk(v)) return false;
      return true;
    }
    for (const key of Object.keys(value)) if (!walk((value as Record<string, unknown>)[key])) return false;
    return true;
  };
  return walk(instance);
}

/** A node holds something it cannot copy; `forkWorld` checked it did not, so this is the kernel's mistake. */
class NotPlainData extends Error {
  constructor() {
    super('a node shared with a fork holds a function, which cannot be copied');
  }
}

/** Copies plain data deeply, keeping which object refers to which; frozen objects are shared. */
class Copier {
  private readonly copies = new Map<object, unknown>();

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
      target[key] = this.copy(field, node);
    }
    return target;
  }

  /** `original` is copied as `copy` wherever it appears. */
  share(original: object, copy: object): void {
    this.copies.set(original, copy);
  }

  private remember<T>(original: object, copy: T): T {
    this.copies.set(original, copy);
    return copy;
  }
}

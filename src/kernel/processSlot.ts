import type { Context, Node, NodeClass, NodeId } from './api';
import type { LocalClock } from './clock';
import type { Random } from './prng';
import type { ObservedState } from './trace';

/** Thrown through a handler when its process crashes mid-handler (after an afterSend trigger). */
export const CRASHED = Symbol('crashed');

/**
 * A process's timer of one name. Its events point at it, so firing one needs no lookup by name;
 * `token` 0 means not set (cancelled, fired, or lost in a crash).
 */
export class TimerSlot {
  token = 0;
  constructor(readonly name: string) {}

  copy(): TimerSlot {
    const copy = new TimerSlot(this.name);
    copy.token = this.token;
    return copy;
  }
}

/** One process: its program's instance (volatile), its disk (durable), its clock and random stream. */
export class ProcessSlot {
  up = true;
  pausedUntil = 0;
  instance: Node<any> | undefined;
  /** Kept once created (a name is usually set again and again); cleared when the process crashes. */
  readonly timers = new Map<string, TimerSlot>();
  /** Its storage, key to JSON text. Read it here; write it through `writableDisk`. */
  disk: Map<string, string>;
  sends = 0;
  /** Read it here; write it through `writableSendsByType`. */
  sendsByType: Map<string, number>;
  lastState: Record<string, unknown> | undefined;
  /** What the instrument last showed on this process's lane (`show`), until it crashes. */
  shown: ObservedState | undefined;
  ctx!: Context<any>;
  /** What the exercise's extra API remembers about this process since it booted (see `extendContext`). */
  memory: Record<string, unknown>;
  /**
   * The hash of this process's part of a chosen run's state, once computed: only its own handlers
   * and a crash change what the part says (fields, memory, storage, armed timers, up or down), and
   * they clear it. A fork copies it with the slot.
   */
  keyHash: number | undefined;
  /** The node and context are a fork's too: a handler here copies them first (see fork.ts). */
  shared = false;
  /** The node was found to be plain data, which only its own handlers can change. */
  plain = false;
  /**
   * `disk` and `sendsByType` are a fork's too: the first write on either side copies them. A step
   * runs at one process, so a fork copies at most that process's maps, not every process's.
   */
  private mapsShared = false;

  /** A handler ran here, or it crashed or restarted: its part of the state is to be hashed again. */
  changed(): void {
    this.keyHash = undefined;
  }

  /** `forkOf`: the slot this one copies, whose storage, send counts and memory it starts out sharing. */
  constructor(
    readonly index: number,
    readonly id: NodeId,
    readonly role: string,
    readonly program: NodeClass,
    readonly clock: LocalClock,
    readonly rng: Random,
    forkOf?: ProcessSlot,
  ) {
    if (forkOf === undefined) {
      this.disk = new Map();
      this.sendsByType = new Map();
      this.memory = {};
      return;
    }
    this.disk = forkOf.disk;
    this.sendsByType = forkOf.sendsByType;
    this.memory = forkOf.memory;
    this.mapsShared = forkOf.mapsShared = true;
  }

  writableDisk(): Map<string, string> {
    if (this.mapsShared) this.ownMaps();
    return this.disk;
  }

  writableSendsByType(): Map<string, number> {
    if (this.mapsShared) this.ownMaps();
    return this.sendsByType;
  }

  private ownMaps(): void {
    this.disk = new Map(this.disk);
    this.sendsByType = new Map(this.sendsByType);
    this.mapsShared = false;
  }
}

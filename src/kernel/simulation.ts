import type { Context, Message, Node, NodeClass, NodeId, Storage } from './api';
import { LocalClock } from './clock';
import { withSimulatedGlobals, type Outside } from './determinism';
import { StudentApiError } from './errors';
import { EventQueue } from './eventQueue';
import { faultKind, type FaultOf } from './faultKinds';
import type { Fault, FaultSchedule, ScheduledFault } from './faults';
import { sealMessage } from './messages';
import { drawLatency, Partitions, resolveLinks, type LinkBehavior, type NetworkConfig } from './network';
import { Random } from './prng';
import { kindCode, NETWORK_LANE, Trace, type ObservedState } from './trace';

export const CLIENT: NodeId = 'client';

/** A request the scenario's client sends to a node at a virtual time. */
export interface ClientRequest {
  at: number;
  to: NodeId;
  msg: Message;
}

/** What an exercise adds to the kernel: extra context methods and an observable node state, S. */
export interface Instrumentation<S extends ObservedState = ObservedState> {
  /** Extra API merged into each node's context; `report` writes a report event on its lane; `nodes` is the whole cluster. */
  extendContext?(node: NodeId, report: (data: Record<string, unknown>) => void, nodes: readonly NodeId[]): object;
  /** A node's observable state (role, term…); recorded in the trace whenever it changes. */
  observe?(node: Node<any>): S | undefined;
}

export interface RunBudget {
  maxEvents: number;
  wallClockMs: number;
  /** The host's real clock (ms); the kernel has none of its own. */
  wallClock: () => number;
}

export interface RunSpec<S extends ObservedState = ObservedState> {
  program: NodeClass;
  nodes: readonly NodeId[];
  network: NetworkConfig;
  faults: FaultSchedule;
  clocks?: Record<NodeId, { skewMs?: number; drift?: number }>;
  workload?: readonly ClientRequest[];
  /** Virtual ms to simulate. */
  duration: number;
  seed: number;
  trace: boolean;
  budget?: RunBudget;
  instrument?: Instrumentation<S>;
  /** Copied into the trace header (exercise, scenario…). */
  meta?: Record<string, unknown>;
}

export type RunOutcome =
  | { status: 'completed' }
  | { status: 'threw'; node: NodeId; time: number; handler: string; error: { name: string; message: string; stack: string } }
  | { status: 'budget'; budget: 'events' | 'wall-clock'; time: number; limit: number };

export interface MessageCounts {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  byType: Record<string, number>;
}

export interface RunResult<S extends ObservedState = ObservedState> {
  outcome: RunOutcome;
  /** Virtual time at which the run stopped. */
  endTime: number;
  events: number;
  messages: MessageCounts;
  trace?: Trace<S>;
}

const enum Ev {
  Deliver,
  Timer,
  Fault,
  Resume,
  ClientSend,
}

/** One queue entry; a single shape keeps the hot loop monomorphic. Entries are reused once handled. */
class SimEvent {
  seq = 0;
  time = 0;
  kind = Ev.Deliver;
  node = -1;
  from = -1;
  msg: Message | undefined = undefined;
  link = -1;
  timer: TimerSlot | undefined = undefined;
  /** A timer event fires only while its timer still holds this token. */
  token = 0;
  fault: Fault | undefined = undefined;
}

/** The handlers the kernel calls; their error-message names are built only when one throws. */
const enum Handler {
  Start,
  Recover,
  Message,
  Timer,
}

/**
 * A node's timer of one name. Its events point at it, so firing one needs no lookup by name;
 * `token` 0 means not set (cancelled, fired, or lost in a crash).
 */
class TimerSlot {
  token = 0;
  constructor(readonly name: string) {}
}

/** Thrown through a handler when its node crashes mid-handler (after an afterSend trigger). */
const CRASHED = Symbol('crashed');

class NodeSlot {
  up = true;
  pausedUntil = 0;
  instance: Node<any> | undefined;
  /** Kept once created (a name is usually set again and again); cleared when the node crashes. */
  readonly timers = new Map<string, TimerSlot>();
  readonly disk = new Map<string, string>();
  sends = 0;
  readonly sendsByType = new Map<string, number>();
  lastState: Record<string, unknown> | undefined;
  ctx!: Context<any>;

  constructor(
    readonly index: number,
    readonly id: NodeId,
    readonly clock: LocalClock,
    readonly rng: Random,
  ) {}
}

class NetworkWindow {
  lossUntil = -1;
  lossRate = 0;
  spikeUntil = -1;
  spikeMs = 0;
}

/** Runs one simulation: a pure function of (program, scenario, seed). */
export function simulate<S extends ObservedState = ObservedState>(spec: RunSpec<S>): RunResult<S> {
  // The trace's state events are what `observe` returned: S.
  return new Simulation(spec).run() as RunResult<S>;
}

class Simulation {
  private readonly queue = new EventQueue<SimEvent>();
  /** Handled entries, ready for reuse: the queue then allocates nothing in a steady state. */
  private readonly spare: SimEvent[] = [];
  private readonly lanes: NodeId[];
  private readonly laneIndex = new Map<NodeId, number>();
  /** `send("n2", …)` for each lane, as error messages name the call: built once, not per send. */
  private readonly sendCalls: string[];
  private readonly slots: NodeSlot[];
  /** Per directed link, flat: link `from → to` is at `from * lanes.length + to`. */
  private readonly links: LinkBehavior[];
  private readonly linkRng: Random[];
  private readonly partitions: Partitions;
  private readonly window = new NetworkWindow();
  private readonly triggers: ScheduledFault[];
  /** Whether the exercise observes node state: read after every handler. */
  private readonly observing: boolean;
  private readonly trace: Trace | undefined;
  private readonly counts: MessageCounts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byType: {} };
  private now = 0;
  private processed = 0;
  private current: NodeSlot | undefined;
  private outcome: RunOutcome | undefined;
  private nextToken = 1;

  constructor(private readonly spec: RunSpec) {
    const hasClient = (spec.workload?.length ?? 0) > 0;
    this.lanes = hasClient ? [...spec.nodes, CLIENT] : [...spec.nodes];
    this.lanes.forEach((id, i) => this.laneIndex.set(id, i));
    this.sendCalls = this.lanes.map((id) => `send(${JSON.stringify(id)}, …)`);
    this.slots = spec.nodes.map((id, i) => {
      const c = spec.clocks?.[id];
      return new NodeSlot(i, id, new LocalClock(c?.skewMs, c?.drift), new Random(spec.seed, `node:${id}`));
    });
    this.partitions = new Partitions(this.lanes);
    this.links = resolveLinks(spec.network, this.lanes).flat();
    this.linkRng = this.lanes.flatMap((a) => this.lanes.map((b) => new Random(spec.seed, `link:${a}>${b}`)));
    this.triggers = spec.faults.filter((f) => 'afterSend' in f);
    this.observing = spec.instrument?.observe !== undefined;
    if (spec.trace) this.trace = new Trace({ lanes: this.lanes, seed: spec.seed, ...spec.meta, faults: spec.faults });
  }

  run(): RunResult {
    const spec = this.spec;
    for (const f of spec.faults) if ('at' in f) this.schedule(f.at, Ev.Fault, -1, -1, undefined, -1, undefined, 0, f);
    for (const r of spec.workload ?? []) {
      this.schedule(r.at, Ev.ClientSend, this.slotOf(r.to, 'workload').index, -1, sealMessage(r.msg, 'workload'), -1, undefined, 0, undefined);
    }
    const ambient = {
      random: () => (this.current ?? this.slots[0]!).rng.next(),
      now: () => (this.current ? this.current.clock.read(this.now) : this.now),
    };
    withSimulatedGlobals(ambient, (outside) => {
      for (const slot of this.slots) if (this.outcome === undefined) this.boot(slot, false);
      this.loop(outside);
    });
    return {
      outcome: this.outcome ?? { status: 'completed' },
      endTime: this.now,
      events: this.processed,
      messages: this.counts,
      trace: this.trace,
    };
  }

  private loop(outside: Outside): void {
    const { duration, budget } = this.spec;
    // The host's clock may read Date or performance: it must see the real ones.
    const wallClock = (): number => (budget ? outside(budget.wallClock) : 0);
    const started = wallClock();
    const queue = this.queue;
    while (this.outcome === undefined && queue.peekTime() <= duration) {
      const ev = queue.pop() as SimEvent;
      this.now = ev.time;
      this.processed++;
      this.dispatch(ev);
      this.recycle(ev);
      // Events are counted exactly; the wall clock is read every 1024 events.
      if (budget && (this.processed >= budget.maxEvents || (this.processed & 1023) === 0)) {
        if (this.processed >= budget.maxEvents) this.outcome = { status: 'budget', budget: 'events', time: this.now, limit: budget.maxEvents };
        else if (wallClock() - started > budget.wallClockMs) this.outcome = { status: 'budget', budget: 'wall-clock', time: this.now, limit: budget.wallClockMs };
      }
    }
    if (this.outcome === undefined) this.now = Math.max(this.now, duration);
  }

  private schedule(time: number, kind: Ev, node: number, from: number, msg: Message | undefined, link: number, timer: TimerSlot | undefined, token: number, fault: Fault | undefined): void {
    const ev = this.spare.pop() ?? new SimEvent();
    ev.time = time;
    ev.kind = kind;
    ev.node = node;
    ev.from = from;
    ev.msg = msg;
    ev.link = link;
    ev.timer = timer;
    ev.token = token;
    ev.fault = fault;
    this.queue.push(ev);
  }

  private recycle(ev: SimEvent): void {
    // Drop the references, so a spare entry keeps no message or fault alive.
    ev.msg = undefined;
    ev.timer = undefined;
    ev.fault = undefined;
    this.spare.push(ev);
  }

  private dispatch(ev: SimEvent): void {
    switch (ev.kind) {
      case Ev.Deliver:
        return this.deliver(ev);
      case Ev.Timer:
        return this.fireTimer(ev);
      case Ev.Fault:
        return this.apply(ev.fault as Fault);
      case Ev.Resume: {
        // Stale when a crash ended the pause or a longer pause moved its end.
        const slot = this.slots[ev.node]!;
        if (slot.up && slot.pausedUntil === this.now) this.trace?.append(this.now, kindCode.resume, ev.node, -1, -1, undefined);
        return;
      }
      case Ev.ClientSend:
        return this.transmit(this.lanes.length - 1, ev.node, ev.msg as Message);
    }
  }

  // ---- nodes ----

  private boot(slot: NodeSlot, recovering: boolean): void {
    slot.ctx = this.makeContext(slot);
    this.invoke(slot, recovering ? Handler.Recover : Handler.Start, '', undefined);
    // A node that crashed (an afterSend trigger) or threw inside onStart/onRecover never came up.
    if (slot.up && this.outcome === undefined) this.trace?.append(this.now, recovering ? kindCode.recover : kindCode.start, slot.index, -1, -1, undefined);
  }

  /** Calls one handler of the slot's node: `arg` is the sender or the timer's name, `msg` the message. */
  private invoke(slot: NodeSlot, handler: Handler, arg: string, msg: Message | undefined): void {
    const previous = this.current;
    this.current = slot;
    try {
      const result = this.call(slot, handler, arg, msg);
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        throw new StudentApiError(`${handlerName(handler, arg, msg)} returned a Promise: handlers must be synchronous (no async/await); the simulation delivers the next event when a handler returns`);
      }
      if (this.observing && slot.instance) this.observe(slot);
    } catch (error) {
      if (error !== CRASHED) this.fail(slot, handlerName(handler, arg, msg), error);
    } finally {
      this.current = previous;
    }
  }

  private call(slot: NodeSlot, handler: Handler, arg: string, msg: Message | undefined): unknown {
    switch (handler) {
      case Handler.Message:
        return slot.instance!.onMessage(arg, msg as Message);
      case Handler.Timer:
        return slot.instance!.onTimer(arg);
      case Handler.Start:
      case Handler.Recover: {
        // Constructing the node is part of starting it: a throwing constructor fails onStart/onRecover.
        const node = new this.spec.program(slot.ctx);
        slot.instance = node;
        if (handler === Handler.Recover && typeof node.onRecover === 'function') return node.onRecover();
        return node.onStart();
      }
    }
  }

  private fail(slot: NodeSlot, handler: string, error: unknown): void {
    const e = error instanceof Error ? error : new Error(`threw a non-Error value: ${String(error)}`);
    const info = { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` };
    this.trace?.append(this.now, kindCode.error, slot.index, -1, -1, { handler, ...info });
    this.outcome ??= { status: 'threw', node: slot.id, time: this.now, handler, error: info };
  }

  private observe(slot: NodeSlot): void {
    const state = this.spec.instrument!.observe!(slot.instance!);
    if (state === undefined || shallowEqual(state, slot.lastState)) return;
    slot.lastState = state;
    this.trace?.append(this.now, kindCode.state, slot.index, -1, -1, Object.freeze({ ...state }));
  }

  private makeContext(slot: NodeSlot): Context<any> {
    const sim = this;
    const peers = Object.freeze(this.spec.nodes.filter((n) => n !== slot.id));
    const peerLanes = peers.map((id) => this.laneIndex.get(id) as number);
    /** `key`, when given, is quoted into the call's name: `setTimer("tick")`. Built only to throw. */
    const guard = (method: string, key?: string): void => {
      if (sim.current !== slot) {
        const call = key === undefined ? method : `${method}("${key}")`;
        throw new StudentApiError(`${call} was called outside ${slot.id}'s own handlers (the context belongs to ${slot.id})`);
      }
      if (!slot.up) throw CRASHED; // the handler caught its own crash: nothing it does now happens
    };
    const storage: Storage = {
      get<T>(key: string): T | undefined {
        const text = slot.disk.get(key);
        return text === undefined ? undefined : (JSON.parse(text) as T);
      },
      set(key: string, value: unknown): void {
        guard('storage.set', key);
        const text = JSON.stringify(value);
        if (text === undefined) throw new StudentApiError(`storage.set("${key}", …): the value is not JSON data (got ${typeof value})`);
        slot.disk.set(key, text);
      },
      delete(key: string): void {
        guard('storage.delete', key);
        slot.disk.delete(key);
      },
    };
    const base: Context<any> = {
      id: slot.id,
      peers,
      send(to, msg) {
        guard('send');
        sim.send(slot, to, msg);
      },
      broadcast(msg) {
        guard('broadcast');
        const sealed = sealMessage(msg, 'broadcast(…)');
        for (const to of peerLanes) sim.sendSealed(slot, to, sealed);
      },
      setTimer(name, ms) {
        guard('setTimer', name);
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          throw new StudentApiError(`setTimer(${JSON.stringify(name)}, ${String(ms)}): the delay must be a finite number of ms ≥ 0`);
        }
        let timer = slot.timers.get(name);
        if (timer === undefined) slot.timers.set(name, (timer = new TimerSlot(name)));
        timer.token = sim.nextToken++;
        sim.schedule(sim.now + slot.clock.toTrueDuration(ms), Ev.Timer, slot.index, -1, undefined, -1, timer, timer.token, undefined);
      },
      cancelTimer(name) {
        guard('cancelTimer', name);
        const timer = slot.timers.get(name);
        if (timer !== undefined) timer.token = 0;
      },
      now: () => slot.clock.read(sim.now),
      random: () => slot.rng.next(),
      storage,
      log(...args) {
        sim.trace?.append(sim.now, kindCode.log, slot.index, -1, -1, args.map(formatLogArg).join(' '));
      },
    };
    const extra = this.spec.instrument?.extendContext?.(slot.id, (data) => {
      guard('report');
      sim.trace?.append(sim.now, kindCode.report, slot.index, -1, -1, Object.freeze(data));
    }, this.spec.nodes);
    return extra ? Object.assign(base, extra) : base;
  }

  // ---- network ----

  /** The caller's guard has checked the node is up. */
  private send(slot: NodeSlot, to: NodeId, msg: Message): void {
    const toIndex = this.laneIndex.get(to);
    if (toIndex === undefined) {
      throw new StudentApiError(`send(${JSON.stringify(to)}, …): unknown node ${JSON.stringify(to)}; the nodes are ${this.lanes.join(', ')}`);
    }
    this.sendSealed(slot, toIndex, sealMessage(msg, this.sendCalls[toIndex] as string));
  }

  private sendSealed(slot: NodeSlot, to: number, sealed: Message): void {
    this.transmit(slot.index, to, sealed);
    slot.sends++;
    // A trigger that crashes the sender throws out of the handler, so a broadcast stops there.
    if (this.triggers.length > 0) this.checkTriggers(slot, sealed.type);
  }

  /** Puts a message on the wire: counts it, traces it, and decides its fate with the link's stream. */
  private transmit(from: number, to: number, msg: Message): void {
    const counts = this.counts;
    counts.sent++;
    counts.byType[msg.type] = (counts.byType[msg.type] ?? 0) + 1;
    const sendIndex = this.trace ? this.trace.append(this.now, kindCode.send, from, to, -1, msg) : -1;
    const linkIndex = from * this.lanes.length + to;
    const link = this.links[linkIndex] as LinkBehavior;
    const rng = this.linkRng[linkIndex] as Random;
    // A fixed number of draws per message keeps every other message's fate independent of faults.
    const lossDraw = rng.next();
    const burstDraw = rng.next();
    const latency = drawLatency(link, rng);
    const dupDraw = rng.next();
    const dupLatency = drawLatency(link, rng);
    const spike = this.now < this.window.spikeUntil ? this.window.spikeMs : 0;
    if (this.partitions.blocks(from, to)) return this.drop(from, to, sendIndex, 'partition');
    if (lossDraw < link.loss) return this.drop(from, to, sendIndex, 'loss');
    if (this.now < this.window.lossUntil && burstDraw < this.window.lossRate) return this.drop(from, to, sendIndex, 'loss burst');
    this.schedule(this.now + latency + spike, Ev.Deliver, to, from, msg, sendIndex, undefined, 0, undefined);
    if (dupDraw < link.duplicate) {
      counts.duplicated++;
      this.trace?.append(this.now, kindCode.duplicate, from, to, sendIndex, undefined);
      this.schedule(this.now + dupLatency + spike, Ev.Deliver, to, from, msg, sendIndex, undefined, 0, undefined);
    }
  }

  private drop(at: number, peer: number, sendIndex: number, reason: string): void {
    this.counts.dropped++;
    this.trace?.append(this.now, kindCode.drop, at, peer, sendIndex, reason);
  }

  private deliver(ev: SimEvent): void {
    const to = ev.node;
    const slot = this.slots[to];
    if (slot === undefined) {
      // The client lane: nothing runs there, the delivery is the record.
      this.counts.delivered++;
      this.trace?.append(this.now, kindCode.deliver, to, ev.from, ev.link, ev.msg);
      return;
    }
    if (!slot.up) return this.drop(to, ev.from, ev.link, `${slot.id} is down`);
    if (this.now < slot.pausedUntil) return this.defer(ev, slot);
    if (this.partitions.blocks(ev.from, to)) return this.drop(to, ev.from, ev.link, 'partition');
    this.counts.delivered++;
    this.trace?.append(this.now, kindCode.deliver, to, ev.from, ev.link, ev.msg);
    this.invoke(slot, Handler.Message, this.lanes[ev.from] as NodeId, ev.msg);
  }

  // ---- timers, pauses ----

  private fireTimer(ev: SimEvent): void {
    const slot = this.slots[ev.node]!;
    const timer = ev.timer as TimerSlot;
    if (timer.token !== ev.token) return; // replaced, cancelled, or lost in a crash
    if (this.now < slot.pausedUntil) return this.defer(ev, slot);
    timer.token = 0;
    this.trace?.append(this.now, kindCode.timer, slot.index, -1, -1, timer.name);
    this.invoke(slot, Handler.Timer, timer.name, undefined);
  }

  /** A paused process handles nothing; what arrives waits, in order, until it resumes. */
  private defer(ev: SimEvent, slot: NodeSlot): void {
    // A fresh entry: the handled one is recycled when dispatch returns.
    this.schedule(slot.pausedUntil, ev.kind, ev.node, ev.from, ev.msg, ev.link, ev.timer, ev.token, ev.fault);
  }

  // ---- faults ----

  private checkTriggers(slot: NodeSlot, type: string): void {
    const byType = (slot.sendsByType.get(type) ?? 0) + 1;
    slot.sendsByType.set(type, byType);
    for (const f of this.triggers) {
      if (!('afterSend' in f) || f.afterSend.node !== slot.id) continue;
      const count = f.afterSend.type === undefined ? slot.sends : f.afterSend.type === type ? byType : -1;
      if (count === f.afterSend.count) this.apply(f);
    }
    if (!slot.up) throw CRASHED;
  }

  private apply(fault: Fault): void {
    faultKind(fault).apply(fault, this);
  }

  // The world operations of the fault table (FaultTarget); each records what took effect.

  crash(node: NodeId): void {
    const slot = this.slotOf(node);
    if (!slot.up) return;
    slot.up = false;
    slot.instance = undefined;
    for (const timer of slot.timers.values()) timer.token = 0; // pending events may still point at them
    slot.timers.clear();
    slot.pausedUntil = 0;
    slot.lastState = undefined;
    this.trace?.append(this.now, kindCode.crash, slot.index, -1, -1, undefined);
  }

  restart(node: NodeId): void {
    const slot = this.slotOf(node);
    if (slot.up) return;
    slot.up = true;
    this.trace?.append(this.now, kindCode.restart, slot.index, -1, -1, undefined);
    this.boot(slot, true);
  }

  pause(node: NodeId, ms: number): void {
    const slot = this.slotOf(node);
    if (!slot.up) return;
    this.trace?.append(this.now, kindCode.pause, slot.index, -1, -1, { ms });
    // A pause inside a longer one changes nothing; a longer one moves the resume.
    if (this.now + ms <= slot.pausedUntil) return;
    slot.pausedUntil = this.now + ms;
    this.schedule(slot.pausedUntil, Ev.Resume, slot.index, -1, undefined, -1, undefined, 0, undefined);
  }

  partition(groups: NodeId[][], oneWay: boolean, cause: FaultOf<'partition'>): void {
    this.partitions.split(this.spec.nodes, groups, oneWay);
    this.trace?.append(this.now, kindCode.partition, NETWORK_LANE, -1, -1, cause);
  }

  heal(): void {
    this.partitions.heal();
    this.trace?.append(this.now, kindCode.heal, NETWORK_LANE, -1, -1, undefined);
  }

  adjustClock(node: NodeId, skewMs: number, drift: number | undefined, cause: FaultOf<'clock'>): void {
    const slot = this.slotOf(node);
    slot.clock.adjust(this.now, skewMs, drift);
    this.trace?.append(this.now, kindCode.clock, slot.index, -1, -1, cause);
  }

  lossWindow(rate: number, ms: number, cause: FaultOf<'lossBurst'>): void {
    this.window.lossUntil = this.now + ms;
    this.window.lossRate = rate;
    this.trace?.append(this.now, kindCode.fault, NETWORK_LANE, -1, -1, cause);
  }

  delayWindow(extraMs: number, ms: number, cause: FaultOf<'delaySpike'>): void {
    this.window.spikeUntil = this.now + ms;
    this.window.spikeMs = extraMs;
    this.trace?.append(this.now, kindCode.fault, NETWORK_LANE, -1, -1, cause);
  }

  private slotOf(node: NodeId, source = 'fault schedule'): NodeSlot {
    const i = this.laneIndex.get(node);
    const slot = i === undefined ? undefined : this.slots[i];
    if (slot === undefined) throw new Error(`${source} names unknown node ${JSON.stringify(node)}`);
    return slot;
  }
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown> | undefined): boolean {
  if (b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

function formatLogArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

function handlerName(handler: Handler, arg: string, msg: Message | undefined): string {
  switch (handler) {
    case Handler.Start:
      return 'onStart';
    case Handler.Recover:
      return 'onRecover';
    case Handler.Message:
      return `onMessage(${arg}, ${(msg as Message).type})`;
    case Handler.Timer:
      return `onTimer(${JSON.stringify(arg)})`;
  }
}

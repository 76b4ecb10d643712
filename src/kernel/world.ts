import type { Message, NodeId } from './api';
import { LocalClock } from './clock';
import { makeContext } from './context';
import { StudentApiError } from './errors';
import { Ev, type SimEvent } from './events';
import { faultKind, type FaultTarget } from './faultKinds';
import { ownInstance } from './fork';
import type { Fault, FaultOf, ScheduledFault } from './faults';
import { describeHandler, handlerCall, HandlerCode, type HandlerHooks } from './handlers';
import { sealMessage } from './messages';
import { Random } from './prng';
import { CRASHED, ProcessSlot, TimerSlot } from './processSlot';
import { CLIENT, NODE_ROLE, type RunOutcome, type RunSpec } from './runSpec';
import type { Scheduler } from './scheduler';
import { StateRecorder } from './stateTable';
import { kindCode, NETWORK_LANE, Trace } from './trace';
import { Wire } from './wire';

/**
 * Everything a run acts on: the processes, the wire between them, virtual time and the trace.
 * It handles one queue entry at a time (`dispatch`); which entry comes next is the scheduler's
 * business. Faults are applied through small operations, one per kind of fault.
 */
export class World implements FaultTarget {
  /** Virtual time: the time of the entry being handled. */
  now = 0;
  outcome: RunOutcome | undefined;
  /** The process whose handler is running: its context may act, Math.random draws from its stream. */
  current: ProcessSlot | undefined;
  readonly lanes: NodeId[];
  readonly slots: ProcessSlot[];
  readonly wire: Wire;
  readonly trace: Trace | undefined;
  /** Records each process's fields and storage after its handlers, when the run asks for it. */
  readonly states: StateRecorder | undefined;
  private readonly laneIndex = new Map<NodeId, number>();
  /** Each role's processes, in lane order. */
  private readonly roles = new Map<string, readonly NodeId[]>();
  /** `send("n2", …)` for each lane, as error messages name the call: built once, not per send. */
  private readonly sendCalls: string[];
  /** Each process's peers (the other nodes) and their lanes, by lane: built once, not at every context. */
  readonly peers: ReadonlyArray<{ ids: readonly NodeId[]; lanes: readonly number[] }>;
  private readonly triggers: ScheduledFault[];
  /** Whether the exercise observes node state: read after every handler. */
  private readonly observing: boolean;
  private readonly hooks: HandlerHooks | undefined;
  private nextToken = 1;

  constructor(
    readonly spec: RunSpec,
    private readonly scheduler: Scheduler,
  ) {
    const processes = [
      ...spec.nodes.map((id) => ({ id, role: NODE_ROLE, program: spec.program })),
      ...(spec.processes ?? []),
    ];
    const hasClient = (spec.workload?.length ?? 0) > 0;
    this.lanes = processes.map((p) => p.id);
    if (hasClient) this.lanes.push(CLIENT);
    this.lanes.forEach((id, i) => {
      if (this.laneIndex.has(id))
        throw new Error(
          `two processes are named ${JSON.stringify(id)}${id === CLIENT ? ' (the workload sends from "client")' : ''}`,
        );
      this.laneIndex.set(id, i);
    });
    this.sendCalls = this.lanes.map((id) => `send(${JSON.stringify(id)}, …)`);
    this.slots = processes.map(({ id, role, program }, i) => {
      const c = spec.clocks?.[id];
      return new ProcessSlot(
        i,
        id,
        role,
        program,
        new LocalClock(c?.skewMs, c?.drift),
        new Random(spec.seed, `node:${id}`),
      );
    });
    this.peers = processes.map(({ id }) => {
      const ids = Object.freeze(spec.nodes.filter((n) => n !== id));
      return { ids, lanes: ids.map((n) => this.laneIndex.get(n) as number) };
    });
    for (const role of new Set(processes.map((p) => p.role)))
      this.roles.set(role, Object.freeze(processes.filter((p) => p.role === role).map((p) => p.id)));
    // Roles go in the header only when the run has processes beside its nodes: node-only headers stay as they were.
    const roles =
      spec.processes === undefined ? {} : { roles: Object.fromEntries(processes.map((p) => [p.id, p.role])) };
    if (spec.trace)
      this.trace = new Trace({ lanes: this.lanes, seed: spec.seed, ...spec.meta, faults: spec.faults, ...roles });
    if (this.trace && spec.recordStates) this.states = new StateRecorder(processes.map((p) => p.id));
    this.wire = new Wire(this.lanes, spec.network, spec.seed, scheduler, this.trace, this);
    this.triggers = spec.faults.filter((f) => 'afterSend' in f);
    this.observing = spec.instrument?.observe !== undefined;
    this.hooks = spec.hooks;
  }

  /** Handles one queue entry at the world's current time. */
  dispatch(ev: SimEvent): void {
    switch (ev.kind) {
      case Ev.Start: {
        // A process crashed before its start (by an earlier one's send) starts only if restarted.
        const slot = this.slots[ev.node]!;
        if (slot.up) this.boot(slot, false);
        return;
      }
      case Ev.Deliver:
        return this.deliver(ev);
      case Ev.Timer:
        return this.fireTimer(ev);
      case Ev.Fault:
        return this.apply(ev.fault as Fault);
      case Ev.Resume: {
        // Stale when a crash ended the pause or a longer pause moved its end.
        const slot = this.slots[ev.node]!;
        if (slot.up && slot.pausedUntil === ev.time)
          this.trace?.append(this.now, kindCode.resume, ev.node, -1, -1, undefined);
        return;
      }
      case Ev.ClientSend:
        return this.wire.transmit(this.lanes.length - 1, ev.node, ev.msg as Message);
    }
  }

  /**
   * Whether handling the entry at time `at` would do something: a replaced or cancelled timer and
   * a stale resume would not, and what arrives at a paused process is only deferred. A delivery to
   * a crashed process is enabled: it is dropped, which the trace records.
   */
  isEnabled(ev: SimEvent, at: number): boolean {
    const slot = this.slots[ev.node];
    switch (ev.kind) {
      case Ev.Timer:
        return (ev.timer as TimerSlot).token === ev.token && at >= slot!.pausedUntil;
      case Ev.Resume:
        return slot!.up && slot!.pausedUntil === ev.time;
      case Ev.Start:
        return slot!.up && at >= slot!.pausedUntil;
      case Ev.Deliver:
        // The client lane runs nothing; a process that has not started yet cannot take a message.
        return slot === undefined || (at >= slot.pausedUntil && (slot.instance !== undefined || !slot.up));
      default:
        return true;
    }
  }

  // ---- processes ----

  private boot(slot: ProcessSlot, recovering: boolean): void {
    slot.memory = {};
    slot.ctx = makeContext(this, slot);
    slot.shared = false;
    this.invoke(slot, recovering ? HandlerCode.Recover : HandlerCode.Start, '', undefined);
    // A process that crashed (an afterSend trigger) or threw inside onStart/onRecover never came up.
    if (slot.up && this.outcome === undefined)
      this.trace?.append(this.now, recovering ? kindCode.recover : kindCode.start, slot.index, -1, -1, undefined);
    // What onStart/onRecover left belongs to its start or recover event (or to the crash or error that ended it).
    if (this.states) this.capture(slot, (this.trace as Trace).length - 1);
  }

  /** Records the process's fields and storage as they are now, at trace event `at`. */
  private capture(slot: ProcessSlot, at: number): void {
    (this.states as StateRecorder).capture(slot.index, at, slot.up ? slot.instance : undefined, slot.ctx, slot.disk);
  }

  /** Calls one handler of the slot's program: `arg` is the sender or the timer's name, `msg` the message. */
  private invoke(slot: ProcessSlot, handler: HandlerCode, arg: string, msg: Message | undefined): void {
    const previous = this.current;
    const hooks = this.hooks;
    this.current = slot;
    if (slot.shared) ownInstance(this, slot);
    if (hooks?.beforeHandler !== undefined)
      hooks.beforeHandler(slot.id, handlerCall(handler, arg, msg), slot.clock.read(this.now), this.now);
    try {
      const result = this.call(slot, handler, arg, msg);
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        throw new StudentApiError(
          `${describeHandler(handlerCall(handler, arg, msg))} returned a Promise: handlers must be synchronous (no async/await); the simulation delivers the next event when a handler returns`,
        );
      }
      if ((this.observing || slot.shown !== undefined) && slot.instance) this.observe(slot);
    } catch (error) {
      if (error !== CRASHED) this.fail(slot, describeHandler(handlerCall(handler, arg, msg)), error);
    } finally {
      slot.changed();
      slot.plain = false;
      if (hooks?.afterHandler !== undefined) hooks.afterHandler(slot.id);
      this.current = previous;
    }
  }

  private call(slot: ProcessSlot, handler: HandlerCode, arg: string, msg: Message | undefined): unknown {
    switch (handler) {
      case HandlerCode.Message:
        return slot.instance!.onMessage(arg, msg);
      case HandlerCode.Timer:
        return slot.instance!.onTimer(arg);
      case HandlerCode.Start:
      case HandlerCode.Recover: {
        // Constructing the process is part of starting it: a throwing constructor fails onStart/onRecover.
        const node = new slot.program(slot.ctx);
        slot.instance = node;
        if (handler === HandlerCode.Recover && typeof node.onRecover === 'function') return node.onRecover();
        return node.onStart();
      }
    }
  }

  private fail(slot: ProcessSlot, handler: string, error: unknown): void {
    const e = error instanceof Error ? error : new Error(`threw a non-Error value: ${String(error)}`);
    const info = { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` };
    this.trace?.append(this.now, kindCode.error, slot.index, -1, -1, { handler, ...info });
    this.outcome ??= { status: 'threw', node: slot.id, time: this.now, handler, error: info };
  }

  private observe(slot: ProcessSlot): void {
    const state = this.spec.instrument?.observe?.(slot.instance!, slot.role) ?? slot.shown;
    if (state === undefined || shallowEqual(state, slot.lastState)) return;
    slot.lastState = state;
    this.trace?.append(this.now, kindCode.state, slot.index, -1, -1, Object.freeze({ ...state }));
  }

  /** Math.random outside any handler draws from the first process's stream. */
  ambientRandom(): number {
    return (this.current ?? this.slots[0]!).rng.next();
  }

  /** Date and performance.now read the running process's clock; outside a handler, virtual time. */
  ambientNow(): number {
    return this.current ? this.current.clock.read(this.now) : this.now;
  }

  // ---- what a context does (its guard has checked the process may act) ----

  processesOf(role: string): readonly NodeId[] {
    return this.roles.get(role) ?? NONE;
  }

  send(slot: ProcessSlot, to: NodeId, msg: Message): void {
    const toIndex = this.laneIndex.get(to);
    if (toIndex === undefined) {
      throw new StudentApiError(
        `send(${JSON.stringify(to)}, …): unknown node ${JSON.stringify(to)}; the nodes are ${this.lanes.join(', ')}`,
      );
    }
    this.sendSealed(slot, toIndex, sealMessage(msg, this.sendCalls[toIndex] as string));
  }

  sendSealed(slot: ProcessSlot, to: number, sealed: Message): void {
    this.wire.transmit(slot.index, to, sealed);
    slot.sends++;
    // A trigger that crashes the sender throws out of the handler, so a broadcast stops there.
    if (this.triggers.length > 0) this.checkTriggers(slot, sealed.type);
  }

  setTimer(slot: ProcessSlot, name: string, ms: number): void {
    let timer = slot.timers.get(name);
    if (timer === undefined) slot.timers.set(name, (timer = new TimerSlot(name)));
    timer.token = this.nextToken++;
    this.scheduler.schedule(
      this.now + slot.clock.toTrueDuration(ms),
      Ev.Timer,
      slot.index,
      -1,
      undefined,
      -1,
      timer,
      timer.token,
      undefined,
    );
  }

  cancelTimer(slot: ProcessSlot, name: string): void {
    const timer = slot.timers.get(name);
    if (timer !== undefined) timer.token = 0;
  }

  // ---- deliveries, timers, pauses ----

  private deliver(ev: SimEvent): void {
    const to = ev.node;
    const slot = this.slots[to];
    const wire = this.wire;
    if (slot === undefined) {
      // The client lane: nothing runs there, the delivery is the record.
      wire.counts.delivered++;
      this.trace?.append(this.now, kindCode.deliver, to, ev.from, ev.link, ev.msg);
      return;
    }
    if (!slot.up) return wire.drop(to, ev.from, ev.link, `${slot.id} is down`);
    if (this.now < slot.pausedUntil) return this.defer(ev, slot);
    if (wire.partitions.blocks(ev.from, to)) return wire.drop(to, ev.from, ev.link, 'partition');
    wire.counts.delivered++;
    const at = this.trace?.append(this.now, kindCode.deliver, to, ev.from, ev.link, ev.msg);
    this.invoke(slot, HandlerCode.Message, this.lanes[ev.from] as NodeId, ev.msg);
    if (this.states) this.capture(slot, at as number);
  }

  private fireTimer(ev: SimEvent): void {
    const slot = this.slots[ev.node]!;
    const timer = ev.timer as TimerSlot;
    if (timer.token !== ev.token) return; // replaced, cancelled, or lost in a crash
    if (this.now < slot.pausedUntil) return this.defer(ev, slot);
    timer.token = 0;
    const at = this.trace?.append(this.now, kindCode.timer, slot.index, -1, -1, timer.name);
    this.invoke(slot, HandlerCode.Timer, timer.name, undefined);
    if (this.states) this.capture(slot, at as number);
  }

  /** A paused process handles nothing; what arrives waits, in order, until it resumes. */
  private defer(ev: SimEvent, slot: ProcessSlot): void {
    // A fresh entry: the handled one is recycled once dispatch returns.
    this.scheduler.schedule(slot.pausedUntil, ev.kind, ev.node, ev.from, ev.msg, ev.link, ev.timer, ev.token, ev.fault);
  }

  // ---- faults ----

  private checkTriggers(slot: ProcessSlot, type: string): void {
    const byType = (slot.sendsByType.get(type) ?? 0) + 1;
    slot.writableSendsByType().set(type, byType);
    for (const f of this.triggers) {
      if (!('afterSend' in f) || f.afterSend.node !== slot.id) continue;
      const count = f.afterSend.type === undefined ? slot.sends : f.afterSend.type === type ? byType : -1;
      if (count === f.afterSend.count) this.apply(f);
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel, not an error: it unwinds a crashed node's handler
    if (!slot.up) throw CRASHED;
  }

  /** What a fault does is the fault table's to say; the world supplies the operations. */
  apply(fault: Fault): void {
    faultKind(fault).apply(fault, this);
  }

  /** The process loses its instance and its timers; its disk stays. Nothing happens to a process that is down. */
  crash(node: NodeId): void {
    const slot = this.slotOf(node);
    if (!slot.up) return;
    // Crashed inside its own handler (a send triggered it): what the handler had done so far is what the crash loses.
    if (this.states && this.current === slot) this.capture(slot, (this.trace as Trace).length - 1);
    slot.up = false;
    slot.changed();
    slot.instance = undefined;
    for (const timer of slot.timers.values()) timer.token = 0; // pending events may still point at them
    slot.timers.clear();
    slot.pausedUntil = 0;
    slot.lastState = undefined;
    slot.shown = undefined;
    slot.memory = {};
    const at = this.trace?.append(this.now, kindCode.crash, slot.index, -1, -1, undefined);
    if (this.states) this.capture(slot, at as number);
  }

  /** A fresh instance of a process that is down runs onRecover (onStart without one). */
  restart(node: NodeId): void {
    const slot = this.slotOf(node);
    if (slot.up) return;
    slot.up = true;
    slot.changed();
    const at = this.trace?.append(this.now, kindCode.restart, slot.index, -1, -1, undefined);
    if (this.states) this.capture(slot, at as number);
    this.boot(slot, true);
  }

  pause(node: NodeId, ms: number): void {
    const slot = this.slotOf(node);
    if (!slot.up) return;
    this.trace?.append(this.now, kindCode.pause, slot.index, -1, -1, { ms });
    // A pause inside a longer one changes nothing; a longer one moves the resume.
    if (this.now + ms <= slot.pausedUntil) return;
    slot.pausedUntil = this.now + ms;
    this.scheduler.schedule(slot.pausedUntil, Ev.Resume, slot.index, -1, undefined, -1, undefined, 0, undefined);
  }

  /** Takes the fault itself, as the trace records it as scheduled; so do the other network faults. */
  partition(fault: FaultOf<'partition'>): void {
    this.wire.partitions.split(this.spec.nodes, fault);
    this.trace?.append(this.now, kindCode.partition, NETWORK_LANE, -1, -1, fault);
  }

  heal(): void {
    this.wire.partitions.heal();
    this.trace?.append(this.now, kindCode.heal, NETWORK_LANE, -1, -1, undefined);
  }

  adjustClock(fault: FaultOf<'clock'>): void {
    const slot = this.slotOf(fault.node);
    slot.clock.adjust(this.now, fault.skewMs ?? 0, fault.drift);
    this.trace?.append(this.now, kindCode.clock, slot.index, -1, -1, fault);
  }

  lossWindow(fault: FaultOf<'lossBurst'>): void {
    this.wire.lossWindow(fault.rate, fault.ms);
    this.trace?.append(this.now, kindCode.fault, NETWORK_LANE, -1, -1, fault);
  }

  delayWindow(fault: FaultOf<'delaySpike'>): void {
    this.wire.delayWindow(fault.extraMs, fault.ms);
    this.trace?.append(this.now, kindCode.fault, NETWORK_LANE, -1, -1, fault);
  }

  duplicateWindow(fault: FaultOf<'duplicateBurst'>): void {
    this.wire.duplicateWindow(fault.rate, fault.ms);
    this.trace?.append(this.now, kindCode.fault, NETWORK_LANE, -1, -1, fault);
  }

  slotOf(node: NodeId, source = 'fault schedule'): ProcessSlot {
    const i = this.laneIndex.get(node);
    const slot = i === undefined ? undefined : this.slots[i];
    if (slot === undefined) throw new Error(`${source} names unknown node ${JSON.stringify(node)}`);
    return slot;
  }
}

const NONE: readonly NodeId[] = Object.freeze([]);

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown> | undefined): boolean {
  if (b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

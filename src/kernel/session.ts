import { SimulatedGlobals } from './determinism';
import { describeEvent, Ev, type EventId, type PendingEvent, type SimEvent } from './events';
import { forkWorld } from './fork';
import { sealMessage } from './messages';
import type { RunResult, RunSpec } from './runSpec';
import { Scheduler } from './scheduler';
import type { StateTable } from './stateTable';
import type { ObservedState, Trace } from './trace';
import { World } from './world';

/**
 * A run you can step. Every process's start, every delivery, timer, fault and resume is one
 * pending event. `step()` runs the earliest, which is exactly what `runToEnd` does, so stepping a
 * run to its end gives the trace `simulate` gives; `step(id)` runs the pending event of your choice.
 */
export interface Session<S extends ObservedState = ObservedState> {
  /** Virtual time: the time of the last event handled. */
  readonly now: number;
  /** True once the run has ended (an exception, a spent budget) or nothing is left to run by its duration. */
  readonly done: boolean;
  /**
   * The enabled events by the run's duration, earliest first: what would do something if run now.
   * A replaced or cancelled timer is left out, and so is what a paused process would only defer
   * (it comes back, under a new id, once the process resumes). A delivery to a crashed process is
   * listed: running it drops the message, which the trace records.
   */
  pending(): PendingEvent[];
  /**
   * Runs one enabled event and returns it; undefined when the run is done. Without a choice,
   * the earliest; entries that would do nothing on the way to it (a cancelled timer) are handled
   * too, as the run to the end would. With a choice, that event, at `now` if it was due earlier.
   */
  step(choice?: EventId): PendingEvent | undefined;
  /** Runs the rest in time order. The wall-clock budget counts from here. */
  runToEnd(): RunResult<S>;
  /** The trace so far, when the run is traced: a live view shows it growing. */
  readonly trace: Trace<S> | undefined;
  /** Every process's fields and storage so far, when `recordStates` asked for them. */
  states(): StateTable | undefined;
}

export function openSession<S extends ObservedState = ObservedState>(spec: RunSpec<S>): Session<S> {
  // The trace's state events are what `observe` returned: S.
  return new SimulationSession(spec) as unknown as Session<S>;
}

/** Runs one simulation: a pure function of (program, scenario, seed). */
export function simulate<S extends ObservedState = ObservedState>(spec: RunSpec<S>): RunResult<S> {
  return openSession(spec).runToEnd();
}

/** What the kernel's choice layer (`choices.ts`) reaches behind a session: not part of the Session API. */
export interface SessionInternals {
  readonly world: World;
  readonly scheduler: Scheduler;
  /** Queue entries handled so far. */
  readonly processed: number;
  /** `step(choice)` for a caller that needs no description of what ran (a search's hot loop). */
  run(choice: EventId): void;
}

export function sessionInternals(session: Session): SessionInternals {
  if (!(session instanceof SimulationSession)) throw new Error('not a session opened by openSession');
  return session;
}

/** A copy of the session at this point that runs on by itself (see fork.ts); undefined when a node is not plain data. */
export function forkSession(session: Session, traceFromHere = false): Session | undefined {
  const { world, processed } = sessionInternals(session);
  const copy = forkWorld(world, traceFromHere);
  return copy && new SimulationSession(world.spec, { world: copy.world, scheduler: copy.scheduler, processed });
}

class SimulationSession implements Session, SessionInternals {
  readonly scheduler: Scheduler;
  readonly world: World;
  private readonly globals: SimulatedGlobals;
  processed = 0;

  /** `from`: a forked world to go on from, instead of a new run. */
  constructor(
    private readonly spec: RunSpec,
    from?: { world: World; scheduler: Scheduler; processed: number },
  ) {
    this.scheduler = from?.scheduler ?? new Scheduler();
    const world = (this.world = from?.world ?? new World(spec, this.scheduler));
    this.globals = new SimulatedGlobals({ random: () => world.ambientRandom(), now: () => world.ambientNow() });
    if (from !== undefined) {
      this.processed = from.processed;
      return;
    }
    // Starts first: at time 0 every process is up before any fault or request.
    for (const slot of world.slots)
      this.scheduler.schedule(0, Ev.Start, slot.index, -1, undefined, -1, undefined, 0, undefined);
    for (const f of spec.faults)
      if ('at' in f) this.scheduler.schedule(f.at, Ev.Fault, -1, -1, undefined, -1, undefined, 0, f);
    for (const r of spec.workload ?? []) {
      this.scheduler.schedule(
        r.at,
        Ev.ClientSend,
        world.slotOf(r.to, 'workload').index,
        -1,
        sealMessage(r.msg, 'workload'),
        -1,
        undefined,
        0,
        undefined,
      );
    }
  }

  get now(): number {
    return this.world.now;
  }

  get done(): boolean {
    return this.world.outcome !== undefined || this.enabled().length === 0;
  }

  get trace(): Trace | undefined {
    return this.world.trace;
  }

  states(): StateTable | undefined {
    return this.world.states?.table();
  }

  pending(): PendingEvent[] {
    return this.enabled()
      .sort((a, b) => a.time - b.time || a.seq - b.seq)
      .map((ev) => describeEvent(ev, this.world.lanes));
  }

  step(choice?: EventId): PendingEvent | undefined {
    if (this.done) return undefined;
    const { world, scheduler } = this;
    if (choice !== undefined) {
      const ran = describeEvent(this.enabledEntry(choice), world.lanes);
      this.run(choice);
      return ran;
    }
    this.globals.enter();
    try {
      for (;;) {
        const ev = scheduler.next();
        const ran = world.isEnabled(ev, Math.max(world.now, ev.time)) ? describeEvent(ev, world.lanes) : undefined;
        this.handle(ev);
        if (ran !== undefined || world.outcome !== undefined) return ran;
      }
    } finally {
      this.globals.exit();
    }
  }

  run(choice: EventId): void {
    if (this.world.outcome !== undefined) return;
    this.enabledEntry(choice);
    this.globals.enter();
    try {
      this.handle(this.scheduler.take(choice) as SimEvent);
    } finally {
      this.globals.exit();
    }
  }

  /** The pending entry of that id, which must be enabled now. */
  private enabledEntry(choice: EventId): SimEvent {
    const { world } = this;
    const ev = this.scheduler.entries.find((e) => e.seq === choice);
    if (ev === undefined || ev.time > this.spec.duration || !world.isEnabled(ev, Math.max(world.now, ev.time)))
      throw new Error(`step(${choice}): no enabled event has that id; pending() lists them`);
    return ev;
  }

  runToEnd(): RunResult {
    const world = this.world;
    const duration = this.spec.duration;
    this.globals.enter();
    try {
      this.loop();
    } finally {
      this.globals.exit();
    }
    if (world.outcome === undefined) world.now = Math.max(world.now, duration);
    return {
      outcome: world.outcome ?? { status: 'completed' },
      endTime: world.now,
      events: this.processed,
      messages: world.wire.counts,
      trace: world.trace,
      ...(world.states ? { states: world.states.table() } : {}),
    };
  }

  private loop(): void {
    const { duration, budget } = this.spec;
    const { world, scheduler, globals } = this;
    // The host's clock may read Date or performance: it must see the real ones.
    const wallClock = (): number => (budget ? globals.outside(budget.wallClock) : 0);
    const started = wallClock();
    while (world.outcome === undefined && scheduler.peekTime() <= duration) {
      this.handle(scheduler.next());
      // Events are counted exactly (in handle); the wall clock is read every 1024 events.
      if (
        budget &&
        world.outcome === undefined &&
        (this.processed & 1023) === 0 &&
        wallClock() - started > budget.wallClockMs
      ) {
        world.outcome = { status: 'budget', budget: 'wall-clock', time: world.now, limit: budget.wallClockMs };
      }
    }
  }

  /** Handles one entry taken from the queue; time never goes back, so a chosen late entry runs at `now`. */
  private handle(ev: SimEvent): void {
    const world = this.world;
    if (ev.time > world.now) world.now = ev.time;
    this.processed++;
    world.dispatch(ev);
    this.scheduler.recycle(ev);
    const budget = this.spec.budget;
    if (budget && this.processed >= budget.maxEvents)
      world.outcome = { status: 'budget', budget: 'events', time: world.now, limit: budget.maxEvents };
  }

  /** The entries that would do something if run now, by the run's duration. */
  private enabled(): SimEvent[] {
    const { world } = this;
    const duration = this.spec.duration;
    return this.scheduler.entries.filter(
      (ev) => ev.time <= duration && world.isEnabled(ev, Math.max(world.now, ev.time)),
    );
  }
}

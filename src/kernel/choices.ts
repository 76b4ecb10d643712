import type { Message, NodeId } from './api';
import { Ev, type EventId, type SimEvent } from './events';
import type { Fault, ScheduledFault } from './faults';
import type { NetworkConfig } from './network';
import type { RunResult, RunSpec } from './runSpec';
import { forkSession, openSession, sessionInternals, type Session, type SessionInternals } from './session';
import { pendingHash, stateHash, stateKey } from './stateKey';
import { kindCode } from './trace';

/**
 * A run whose every step is chosen: the enabled choices at a point (`choices`), taking one
 * (`take`), and replaying a recorded list of them (`replayChoices`) — what a step debugger and a
 * model checker need. Nothing is left to chance: the network is fixed (1 ms on every link, no
 * loss, no duplication), so losing or duplicating a message is a choice, bounded by a fault
 * budget, and so is crashing a node. `ctx.random` and Math.random stay each node's seeded stream
 * (the run spec's seed): the same choices always give the same run, and the search never branches
 * on a random draw.
 */
export interface ChoiceSession {
  /** The session underneath: its pending events, its virtual time. Step it only through `take`. */
  readonly session: Session;
  /** The choices taken so far, in order: a schedule `replayChoices` runs again. */
  readonly taken: readonly Choice[];
  /** How much of the fault budget the choices taken so far spent. */
  readonly spent: Readonly<FaultBudget>;
  readonly budget: Readonly<FaultBudget>;
  /** Everything that may happen next, in a fixed order; empty once a handler threw. */
  choices(): Choice[];
  /** Takes one choice (from `choices()`, now or in a replay of the same prefix). */
  take(choice: Choice): void;
  /** The run so far, as checkers read a finished one. */
  result(): RunResult;
  /** Every process's fields, storage and armed timers, the messages in flight and the budget spent, as canonical text. */
  stateKey(): string;
  /** The state key's 53-bit hash, computed from cached parts: what a search's visited set stores. */
  stateHash(): number;
  /**
   * A copy at this point, to take other choices from without replaying the path here; undefined
   * when a node holds something that cannot be copied (a function), and then replaying is the way.
   * `traceFromHere`: the copy's trace holds only the events recorded from now on, for a caller
   * that has read the rest (see `Trace.copyFromHere`).
   */
  fork(options?: { traceFromHere?: boolean }): ChoiceSession | undefined;
}

/** How many faults one path may take. A restart needs no budget: only a crashed node can restart. */
export interface FaultBudget {
  crashes: number;
  drops: number;
  duplicates: number;
}

/** One message in flight, as a choice names it: `event` is its pending event's id. */
interface InFlight {
  event: EventId;
  from: NodeId;
  to: NodeId;
  message: Message;
}

export type Choice =
  /**
   * The message arrives next. Time never goes back: a message due before the last event arrives
   * late, at that event's time; one due later moves time to it.
   */
  | ({ kind: 'deliver' } & InFlight)
  | ({ kind: 'drop' } & InFlight)
  /** Another copy of the message is put in flight; the original stays. */
  | ({ kind: 'duplicate' } & InFlight)
  /** The timer fires next, before anything else that is pending, however much sooner that was due. */
  | { kind: 'timer'; event: EventId; node: NodeId; timer: string }
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  /** The scenario's client sends its next request. */
  | { kind: 'request'; event: EventId; to: NodeId; message: Message }
  /** A fault of the run's own schedule happens now. */
  | { kind: 'fault'; event: EventId; fault: ScheduledFault }
  /** A paused process resumes now. */
  | { kind: 'resume'; event: EventId; node: NodeId };

/** The network of a chosen run: every message takes 1 ms and arrives, unless a choice drops it. */
export const choiceNetwork: NetworkConfig = Object.freeze({ latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 });

/**
 * Opens a run to step by choice, with every process started (the order of the starts at time 0 is
 * not explored). The spec's network is replaced by `choiceNetwork`, and its duration by no limit.
 */
export function openChoiceSession(spec: RunSpec, budget: FaultBudget): ChoiceSession {
  return new ChosenRun(openSession({ ...spec, network: choiceNetwork, duration: Infinity }), budget);
}

/** Opens a run and takes each choice in turn: the same list gives the same run, trace hash included. */
export function replayChoices(spec: RunSpec, budget: FaultBudget, choices: readonly Choice[]): ChoiceSession {
  const run = openChoiceSession(spec, budget);
  choices.forEach((choice, i) => {
    try {
      run.take(choice);
    } catch (error) {
      throw new Error(`step ${i + 1} of the schedule (${choice.kind}): ${(error as Error).message}`, { cause: error });
    }
  });
  return run;
}

class ChosenRun implements ChoiceSession {
  readonly taken: Choice[] = [];
  readonly spent: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };
  private readonly internals: SessionInternals;

  /** `started`: a fork's session, whose processes have started already. */
  constructor(
    readonly session: Session,
    readonly budget: FaultBudget,
    started = false,
  ) {
    this.internals = sessionInternals(session);
    while (!started) {
      const start = session.pending().find((e) => e.kind === 'start');
      if (start === undefined) break;
      session.step(start.id);
    }
  }

  choices(): Choice[] {
    const { world, scheduler } = this.internals;
    if (world.outcome !== undefined) return [];
    const { budget, spent } = this;
    const { lanes } = world;
    const out: Choice[] = [];
    // Two copies of one message on one link lead to the same state: one choice stands for both
    // (told apart by their part of the state hash, as the search tells states apart).
    const seen = new Set<number>();
    const enabled = scheduler.entries.filter((ev) => world.isEnabled(ev, Math.max(world.now, ev.time)));
    enabled.sort((a, b) => a.time - b.time || a.seq - b.seq);
    for (const ev of enabled) {
      switch (ev.kind) {
        case Ev.Deliver: {
          const message = ev.msg as Message;
          const flight: InFlight = { event: ev.seq, from: lanes[ev.from]!, to: lanes[ev.node]!, message };
          const key = pendingHash(ev) as number;
          if (seen.has(key)) break;
          seen.add(key);
          out.push({ kind: 'deliver', ...flight });
          // What goes to a down process or to the client is only recorded: dropping or copying it changes nothing.
          const slot = world.slots[ev.node];
          if (slot === undefined || !slot.up) break;
          if (spent.drops < budget.drops) out.push({ kind: 'drop', ...flight });
          if (spent.duplicates < budget.duplicates) out.push({ kind: 'duplicate', ...flight });
          break;
        }
        case Ev.Timer:
          out.push({ kind: 'timer', event: ev.seq, node: lanes[ev.node]!, timer: ev.timer!.name });
          break;
        case Ev.ClientSend:
          out.push({ kind: 'request', event: ev.seq, to: lanes[ev.node]!, message: ev.msg as Message });
          break;
        case Ev.Fault:
          out.push({ kind: 'fault', event: ev.seq, fault: ev.fault as ScheduledFault });
          break;
        case Ev.Resume:
          out.push({ kind: 'resume', event: ev.seq, node: lanes[ev.node]! });
          break;
        case Ev.Start:
          break; // every start ran before the first choice
      }
    }
    for (const node of world.spec.nodes) {
      const slot = world.slotOf(node);
      if (!slot.up) out.push({ kind: 'restart', node });
      else if (spent.crashes < budget.crashes) out.push({ kind: 'crash', node });
    }
    return out;
  }

  take(choice: Choice): void {
    const { spent } = this;
    switch (choice.kind) {
      case 'deliver':
        this.inFlight(choice);
        this.internals.run(choice.event);
        break;
      case 'timer':
      case 'request':
      case 'fault':
      case 'resume':
        this.internals.run(choice.event);
        break;
      case 'drop': {
        this.overBudget('drops');
        const { scheduler, world } = this.internals;
        const ev = scheduler.take(this.inFlight(choice).seq) as SimEvent;
        world.wire.drop(ev.node, ev.from, ev.link, 'dropped by choice');
        scheduler.recycle(ev);
        spent.drops++;
        break;
      }
      case 'duplicate': {
        this.overBudget('duplicates');
        const { scheduler, world } = this.internals;
        const ev = this.inFlight(choice);
        world.wire.counts.duplicated++;
        world.trace?.append(world.now, kindCode.duplicate, ev.from, ev.node, ev.link, undefined);
        scheduler.schedule(ev.time, Ev.Deliver, ev.node, ev.from, ev.msg, ev.link, undefined, 0, undefined);
        spent.duplicates++;
        break;
      }
      case 'crash':
        this.overBudget('crashes');
        if (!this.internals.world.slotOf(choice.node, 'crash choice').up)
          throw new Error(`crash ${choice.node}: it is down already`);
        this.faultNow({ kind: 'crash', node: choice.node });
        spent.crashes++;
        break;
      case 'restart':
        if (this.internals.world.slotOf(choice.node, 'restart choice').up)
          throw new Error(`restart ${choice.node}: it is up`);
        this.faultNow({ kind: 'restart', node: choice.node });
        break;
    }
    this.taken.push(choice);
  }

  result(): RunResult {
    const { world, processed } = this.internals;
    return {
      outcome: world.outcome ?? { status: 'completed' },
      endTime: world.now,
      events: processed,
      messages: world.wire.counts,
      ...(world.trace ? { trace: world.trace } : {}),
    };
  }

  stateKey(): string {
    return stateKey(this.internals, this.spent);
  }

  stateHash(): number {
    return stateHash(this.internals, this.spent);
  }

  fork(options?: { traceFromHere?: boolean }): ChoiceSession | undefined {
    const session = forkSession(this.session, options?.traceFromHere);
    if (session === undefined) return undefined;
    const copy = new ChosenRun(session, this.budget, true);
    copy.taken.push(...this.taken);
    Object.assign(copy.spent, this.spent);
    return copy;
  }

  /** The pending delivery a choice names, checked to be the message it says. */
  private inFlight(choice: InFlight & { kind: string }): SimEvent {
    const { scheduler, world } = this.internals;
    const ev = scheduler.entries.find((e) => e.seq === choice.event);
    if (
      ev === undefined ||
      ev.kind !== Ev.Deliver ||
      world.lanes[ev.from] !== choice.from ||
      world.lanes[ev.node] !== choice.to ||
      ev.msg?.type !== choice.message.type
    )
      throw new Error(
        `${choice.kind} ${choice.message.type} ${choice.from}→${choice.to}: no such message is in flight (event ${choice.event}); choices() lists what is`,
      );
    return ev;
  }

  private overBudget(what: keyof FaultBudget): void {
    if (this.spent[what] >= this.budget[what])
      throw new Error(`the fault budget allows ${this.budget[what]} ${what}, all spent`);
  }

  /** A crash or restart is a fault event scheduled now and run at once, as a scheduled one would be. */
  private faultNow(fault: Fault): void {
    const { scheduler, world } = this.internals;
    const scheduled = { ...fault, at: world.now } as ScheduledFault;
    scheduler.schedule(world.now, Ev.Fault, -1, -1, undefined, -1, undefined, 0, scheduled);
    const ev = scheduler.entries.find((e) => e.fault === scheduled) as SimEvent;
    this.internals.run(ev.seq);
  }
}

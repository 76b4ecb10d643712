import type { HandlerCall, HandlerHooks, NodeId } from '../kernel';
import type { Unit } from './protocol';

/** The console methods a student's code prints with. */
const printers = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Which run is under way: a seed of a scenario, or one probe of the shrinker. */
export interface RunUnit {
  scenario: string;
  seed: number;
  phase: Unit['phase'];
}

/**
 * Tags every line the student's code prints with where it was printed, as the trace would place
 * it: `[leader-crash · seed 4 · n2 · 1520 ms] …`. Output reaches the host as bare text long after
 * the run, so the worker must say whose it is while it still knows. Also a handler hook: it
 * follows which node is running at what virtual time, and hands the calls on.
 */
export class ConsoleTags implements HandlerHooks {
  private unit: RunUnit | undefined;
  /** The hooks of the run under way (the watchdog's marks), called after ours. */
  private next: HandlerHooks = {};
  /** The handlers running, innermost last (a handler may restart another process). */
  private readonly running: Array<{ node: NodeId; time: number }> = [];

  /** Replaces `target`'s printers for good: make one per worker. */
  constructor(target: Pick<Console, (typeof printers)[number]>) {
    for (const name of printers) {
      const print = target[name].bind(target);
      target[name] = (...args: unknown[]): void => {
        const tag = this.tag();
        if (tag === undefined) print(...args);
        // A format string stays first, so `%d` and friends still apply to the arguments after it.
        else if (typeof args[0] === 'string') print(`${tag} ${args[0]}`, ...args.slice(1));
        else print(tag, ...args);
      };
    }
  }

  /** A new run starts, with `next` the other hooks it runs with. */
  startUnit(unit: RunUnit, next: HandlerHooks): void {
    this.unit = unit;
    this.next = next;
    this.running.length = 0;
  }

  beforeHandler(node: NodeId, call: HandlerCall, localTime: number, time: number): void {
    this.running.push({ node, time });
    this.next.beforeHandler?.(node, call, localTime, time);
  }

  afterHandler(node: NodeId): void {
    this.running.pop();
    this.next.afterHandler?.(node);
  }

  /**
   * `[scenario · seed 4 · n2 · 1520 ms]`; a shrink probe says so, since its run is not the seed's
   * own, and so does a search, whose runs are its paths.
   */
  tag(): string | undefined {
    const unit = this.unit;
    if (unit === undefined) return undefined;
    const seed =
      unit.phase === 'shrink'
        ? `seed ${unit.seed}, shrinking`
        : unit.phase === 'search'
          ? 'search'
          : `seed ${unit.seed}`;
    const parts = [unit.scenario, seed];
    const handler = this.running.at(-1);
    if (handler) parts.push(handler.node, `${Math.round(handler.time)} ms`);
    return `[${parts.join(' · ')}]`;
  }
}

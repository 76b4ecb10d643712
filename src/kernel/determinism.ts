/**
 * While a run executes, the ambient sources of nondeterminism a student might reach for are the
 * simulation's own: Math.random is the current node's stream, Date and performance.now read its
 * local clock, and real timers refuse with a pointer to ctx.setTimer. Everything is restored after.
 */
import { StudentApiError } from './errors';

export interface AmbientSources {
  /** Properties, not methods: they are handed out detached, as Math.random and performance.now. */
  random: () => number;
  /** The current node's local clock, ms. */
  now: () => number;
}

/** A plausible wall-clock epoch (2024-01-01) so Date values look like dates. */
const EPOCH = 1_704_067_200_000;

const REPLACED = ['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate'] as const;

interface Saved {
  random: () => number;
  globals: Record<string, unknown>;
}

/** The sources of the sessions entered, innermost last: what the shared replacements read. */
const entered: AmbientSources[] = [];

function innermost(): AmbientSources {
  const sources = entered[entered.length - 1];
  if (sources === undefined) throw new StudentApiError('Date and performance.now are simulated only while a node runs');
  return sources;
}

const RealDate = Date;
class SimulatedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(EPOCH + innermost().now());
    else super(...(args as [number]));
  }
  /** Whole milliseconds, as the real one: two requests in one millisecond read the same value. */
  static override now(): number {
    return EPOCH + Math.floor(innermost().now());
  }
}
Object.defineProperty(SimulatedDate, 'name', { value: 'Date' }); // error messages name what the student wrote

/**
 * Built once for every session (a search forks thousands): they read the clock of the session
 * entered last.
 */
const replacements: Record<(typeof REPLACED)[number], unknown> = {
  Date: SimulatedDate,
  performance: { now: () => innermost().now() },
  setTimeout: refuse('setTimeout'),
  setInterval: refuse('setInterval'),
  setImmediate: refuse('setImmediate'),
};

/**
 * The simulation's globals, installed while the kernel runs student code and restored whenever it
 * hands control back (a session between steps runs the caller's code with the real ones).
 */
export class SimulatedGlobals {
  /** What `enter` replaced, to put back on `exit`: entered sessions nest. */
  private readonly saved: Saved[] = [];

  constructor(private readonly sources: AmbientSources) {}

  enter(): void {
    const g = globalThis as Record<string, unknown>;
    this.saved.push({ random: Math.random, globals: Object.fromEntries(REPLACED.map((key) => [key, g[key]])) });
    Math.random = this.sources.random;
    entered.push(this.sources);
    for (const key of REPLACED) define(key, replacements[key]);
  }

  exit(): void {
    const saved = this.saved.pop() as Saved;
    Math.random = saved.random;
    entered.pop();
    const g = globalThis as Record<string, unknown>;
    for (const key of REPLACED) {
      if (saved.globals[key] === undefined) delete g[key];
      else define(key, saved.globals[key]);
    }
  }

  /** Runs host code (a budget's real clock) with the real globals back in place. */
  outside<R>(hostCode: () => R): R {
    this.exit();
    try {
      return hostCode();
    } finally {
      this.enter();
    }
  }
}

function define(key: string, value: unknown): void {
  Object.defineProperty(globalThis, key, { value, writable: true, configurable: true, enumerable: false });
}

function refuse(name: string) {
  return (): never => {
    throw new StudentApiError(
      `${name} is not available in a simulated node: the simulation has no real time. Use ctx.setTimer(name, ms).`,
    );
  };
}

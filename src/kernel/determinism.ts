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
  constructor(private readonly sources: AmbientSources) {}

  enter(): void {
    randoms.push(Math.random);
    Math.random = this.sources.random;
    entered.push(this.sources);
    // Nested sessions share one installation: the replacements read the innermost's sources.
    if (entered.length === 1 && held === 0) install();
  }

  exit(): void {
    Math.random = randoms.pop() as () => number;
    entered.pop();
    if (entered.length === 0 && held === 0) restore();
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

/** Math.random as each entered session found it, innermost last. */
const randoms: Array<() => number> = [];
/** The real globals while the replacements are installed, in REPLACED's order. */
const real: unknown[] = [];
/**
 * Keys that are writable data properties of globalThis (ours, once defined): plain stores set
 * them. A search steps a session a million times, and redefining properties of the global object
 * on every step cost more than the step.
 */
const plainKeys = new Set<string>();

function install(): void {
  const g = globalThis as Record<string, unknown>;
  REPLACED.forEach((key, i) => {
    real[i] = g[key];
    put(key, replacements[key]);
  });
}

function restore(): void {
  const g = globalThis as Record<string, unknown>;
  REPLACED.forEach((key, i) => {
    const value = real[i];
    real[i] = undefined;
    if (value !== undefined) return put(key, value);
    delete g[key];
    plainKeys.delete(key);
  });
}

function put(key: string, value: unknown): void {
  // A plain store, unless student code redefined the property read-only in between (the store then fails).
  if (plainKeys.has(key) && Reflect.set(globalThis, key, value)) return;
  define(key, value);
  plainKeys.add(key);
}

/** Holds of `holdSimulatedGlobals` running now. */
let held = 0;

/**
 * Runs `hostCode`, which steps sessions many times (a search), with the globals installed once for
 * all its steps rather than at every step: each is a getter that gives the replacement while a
 * session runs a handler, and the real value to the host code in between. Writes to them while a
 * handler runs are discarded, as the end of the handler would discard them. Everything is
 * restored after. Redefining a global costs more than a search's step.
 */
export function holdSimulatedGlobals<R>(hostCode: () => R): R {
  // Inside a handler the replacements are in place already, and stay until it returns.
  if (entered.length > 0) return hostCode();
  const g = globalThis as Record<string, unknown>;
  const saved = held === 0 ? REPLACED.map((key) => Object.getOwnPropertyDescriptor(g, key)) : [];
  if (held === 0) {
    REPLACED.forEach((key) => {
      let outside = g[key];
      Object.defineProperty(g, key, {
        get: () => (entered.length > 0 ? replacements[key] : outside),
        set: (value: unknown) => {
          if (entered.length === 0) outside = value;
        },
        configurable: true,
        enumerable: false,
      });
    });
  }
  held++;
  try {
    return hostCode();
  } finally {
    held--;
    if (held === 0) {
      REPLACED.forEach((key, i) => {
        const descriptor = saved[i];
        if (descriptor === undefined) delete g[key];
        else Object.defineProperty(g, key, descriptor);
      });
      plainKeys.clear();
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

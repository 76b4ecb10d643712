/**
 * While a run executes, the ambient sources of nondeterminism a student might reach for are the
 * simulation's own: Math.random is the current node's stream, Date and performance.now read its
 * local clock, and real timers refuse with a pointer to ctx.setTimer. Everything is restored after.
 */
import { StudentApiError } from './errors';

export interface AmbientSources {
  random(): number;
  /** The current node's local clock, ms. */
  now(): number;
}

/** A plausible wall-clock epoch (2024-01-01) so Date values look like dates. */
const EPOCH = 1_704_067_200_000;

/** Runs host code (a budget's real clock) with the real globals back in place. */
export type Outside = <R>(hostCode: () => R) => R;

export function withSimulatedGlobals<T>(sources: AmbientSources, body: (outside: Outside) => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = {
    random: Math.random,
    Date: g.Date,
    performance: g.performance,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    setImmediate: g.setImmediate,
  };
  const RealDate = Date;
  class SimulatedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(EPOCH + sources.now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return EPOCH + sources.now();
    }
  }
  Object.defineProperty(SimulatedDate, 'name', { value: 'Date' }); // error messages name what the student wrote
  const refuse = (name: string) => (): never => {
    throw new StudentApiError(`${name} is not available in a simulated node: the simulation has no real time. Use ctx.setTimer(name, ms).`);
  };
  const define = (key: string, value: unknown): void => {
    Object.defineProperty(g, key, { value, writable: true, configurable: true, enumerable: false });
  };
  const install = (): void => {
    Math.random = sources.random;
    define('Date', SimulatedDate);
    define('performance', { now: sources.now });
    define('setTimeout', refuse('setTimeout'));
    define('setInterval', refuse('setInterval'));
    define('setImmediate', refuse('setImmediate'));
  };
  const restore = (): void => {
    Math.random = saved.random;
    for (const key of ['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate'] as const) {
      if (saved[key] === undefined) delete g[key];
      else define(key, saved[key]);
    }
  };
  const outside: Outside = (hostCode) => {
    restore();
    try {
      return hostCode();
    } finally {
      install();
    }
  };
  install();
  try {
    return body(outside);
  } finally {
    restore();
  }
}

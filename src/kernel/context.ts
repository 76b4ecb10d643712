import type { Context, History, Message, OpType, Storage } from './api';
import { StudentApiError } from './errors';
import { sealMessage } from './messages';
import { CRASHED, type ProcessSlot } from './processSlot';
import { kindCode } from './trace';
import type { World } from './world';

/** The student API of one process: checks each call's arguments, then lets the world act. */
export function makeContext(world: World, slot: ProcessSlot): Context<any> {
  const { spec } = world;
  const { ids: peers, lanes: peerLanes } = world.peers[slot.index]!;
  /** `key`, when given, is quoted into the call's name: `setTimer("tick")`. Built only to throw. */
  const guard = (method: string, key?: string): void => {
    if (world.current !== slot) {
      const call = key === undefined ? method : `${method}("${key}")`;
      throw new StudentApiError(
        `${call} was called outside ${slot.id}'s own handlers (the context belongs to ${slot.id})`,
      );
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel, not an error: it unwinds a crashed node's handler
    if (!slot.up) throw CRASHED; // the handler caught its own crash: nothing it does now happens
  };
  const storage: Storage = {
    get<T>(key: string): T | undefined {
      const text = slot.disk.get(key);
      return text === undefined ? undefined : (parseStored(text) as T);
    },
    set(key: string, value: unknown): void {
      guard('storage.set', key);
      const text = JSON.stringify(value);
      if (text === undefined)
        throw new StudentApiError(`storage.set("${key}", …): the value is not JSON data (got ${typeof value})`);
      slot.writableDisk().set(key, text);
    },
    delete(key: string): void {
      guard('storage.delete', key);
      slot.writableDisk().delete(key);
    },
  };
  const record =
    (type: OpType) =>
    (f: string, value?: unknown): void => {
      guard(`history.${type}`, typeof f === 'string' ? f : undefined);
      if (typeof f !== 'string')
        throw new StudentApiError(
          `history.${type}(${JSON.stringify(f) ?? String(f)}, …): the operation's name must be a string, like "read" or "write"`,
        );
      const text = JSON.stringify(value === undefined ? null : value);
      if (text === undefined)
        throw new StudentApiError(`history.${type}("${f}", …): the value is not JSON data (got ${typeof value})`);
      world.trace?.append(
        world.now,
        kindCode.op,
        slot.index,
        -1,
        -1,
        Object.freeze({ type, f, value: JSON.parse(text) as unknown }),
      );
    };
  const history: History = { invoke: record('invoke'), ok: record('ok'), fail: record('fail'), info: record('info') };
  const base: Context<any> = {
    id: slot.id,
    role: slot.role,
    peers,
    processes: (role) => world.processesOf(role),
    send(to, msg: Message) {
      guard('send');
      world.send(slot, to, msg);
    },
    broadcast(msg) {
      guard('broadcast');
      const sealed = sealMessage(msg, 'broadcast(…)');
      for (const to of peerLanes) world.sendSealed(slot, to, sealed);
    },
    setTimer(name, ms) {
      guard('setTimer', name);
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new StudentApiError(
          `setTimer(${JSON.stringify(name)}, ${String(ms)}): the delay must be a finite number of ms ≥ 0`,
        );
      }
      world.setTimer(slot, name, ms);
    },
    cancelTimer(name) {
      guard('cancelTimer', name);
      world.cancelTimer(slot, name);
    },
    now: () => slot.clock.read(world.now),
    random: () => slot.rng.next(),
    storage,
    log(...args) {
      world.trace?.append(world.now, kindCode.log, slot.index, -1, -1, args.map(formatLogArg).join(' '));
    },
    history,
  };
  const extra = spec.instrument?.extendContext?.(
    slot.id,
    (data) => {
      guard('report');
      world.trace?.append(world.now, kindCode.report, slot.index, -1, -1, Object.freeze(data));
    },
    spec.nodes,
    slot.role,
    (state) => {
      guard('show');
      slot.shown = Object.freeze({ ...state });
    },
    slot.memory,
  );
  return extra ? Object.assign(base, extra) : base;
}

/**
 * Stored texts that hold a primitive (a term, a vote), parsed once: handlers read the same few
 * values again and again, and a primitive read back cannot be changed by its reader. A text of
 * an object is parsed at every read, so each reader gets its own copy. Cleared when full.
 */
const parsedPrimitives = new Map<string, unknown>();
const PARSED_PRIMITIVES_MAX = 4096;

function parseStored(text: string): unknown {
  // JSON has no undefined: a miss is the only undefined the cache gives.
  const known = parsedPrimitives.get(text);
  if (known !== undefined) return known;
  const value: unknown = JSON.parse(text);
  if (typeof value === 'object' && value !== null) return value;
  if (parsedPrimitives.size >= PARSED_PRIMITIVES_MAX) parsedPrimitives.clear();
  parsedPrimitives.set(text, value);
  return value;
}

function formatLogArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

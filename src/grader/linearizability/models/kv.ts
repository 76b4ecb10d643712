import type { Model, Partition } from '../model';
import { UNKNOWN, type Operation, type Output } from '../operation';
import { show, showZh, unknownFunction } from './values';

/** A kv operation's value, at invoke and at completion: the key and the string given or read. */
export interface KvValue {
  key: string;
  value?: string | null;
}

const FUNCTIONS = ['get', 'put', 'append'];

/**
 * One key's value, with a polynomial hash of it kept up to date as appends extend it: the same
 * appends in another order give the same length and often the same last character, so only a
 * hash of the whole text tells such states apart, and hashing it afresh each step would cost
 * as much as the text is long.
 */
export interface KvState {
  text: string;
  hash: number;
  /** What the last append added, or the whole text after a put: where a wrong order first shows. */
  tail: string;
}

const EMPTY: KvState = { text: '', hash: 0, tail: '' };
const BASE = 131;

/**
 * A key-value store of strings, as Porcupine's kv model: `get k → v`, `put k v`, `append k v`
 * (concatenates). A missing key reads as "" (or nil). Keys are independent, so the history is
 * checked key by key; the state is one key's value.
 */
export const kvModel: Model<KvState> = {
  name: 'kv',
  init: () => EMPTY,
  step(state, f, input, output) {
    const value = (input as KvValue).value ?? '';
    if (f === 'put') return { ok: true, next: stateOf(value) };
    if (f === 'append')
      return { ok: true, next: { text: state.text + value, hash: extend(state.hash, value), tail: value } };
    return { ok: output === UNKNOWN || readOf(output) === state.text, next: state };
  },
  equal: (a, b) => a.hash === b.hash && a.text === b.text,
  hash: (state) => state.hash,
  growth: {
    reads: (op) => op.f === 'get' && op.output !== UNKNOWN,
    replaces: (op) => op.f === 'put',
    replacement: (op) => stateOf((op.input as KvValue).value ?? ''),
    // Comparing the whole text would copy it each step (appends build it in pieces); the tail is
    // where a state first parts from what the read saw, when each step is checked.
    mayGrowInto: (state, read) => {
      const seen = readOf(read.output);
      return seen.length >= state.text.length && seen.startsWith(state.tail, state.text.length - state.tail.length);
    },
  },
  partition(operations: readonly Operation[]): Partition[] {
    const byKey = new Map<string, Operation[]>();
    for (const op of operations) {
      const key = (op.input as KvValue).key;
      let list = byKey.get(key);
      if (list === undefined) byKey.set(key, (list = []));
      list.push(op);
    }
    return [...byKey.keys()].sort().map((key) => ({ key, operations: byKey.get(key) as Operation[] }));
  },
  validate(f, input, output) {
    if (!FUNCTIONS.includes(f)) return unknownFunction(f, 'kv', FUNCTIONS);
    if (!isKvValue(input)) return `${f} needs a string key (and a string value), got ${show(input)}`;
    if (f !== 'get' && typeof input.value !== 'string') return `${f} needs a string value, got ${show(input.value)}`;
    if (f === 'get' && output !== UNKNOWN && !isKvValue(output))
      return `get must return a string or nil value, got ${show(output)}`;
    return undefined;
  },
  describe(op) {
    const { key, value } = op.input as KvValue;
    if (op.f === 'get')
      return `get ${show(key)} → ${op.output === UNKNOWN ? '(result unknown)' : show(readOf(op.output))}`;
    return `${op.f} ${show(value)} ${op.f === 'put' ? 'into' : 'to'} ${show(key)}`;
  },
  describeState: (state) => `the key holds ${show(state.text)}`,
  translations: {
    'zh-cn': {
      describe(op) {
        const { key, value } = op.input as KvValue;
        if (op.f === 'get')
          return `get ${showZh(key)}，${op.output === UNKNOWN ? '结果未知' : `读到 ${showZh(readOf(op.output))}`}`;
        return `${op.f} ${showZh(value)} 到 ${showZh(key)}`;
      },
      describeState: (state) => `这个键的值是 ${showZh(state.text)}`,
    },
  },
};

function stateOf(text: string): KvState {
  return { text, hash: extend(0, text), tail: text };
}

/** The hash of `text + more`, from the hash of `text`. */
function extend(hash: number, more: string): number {
  let h = hash;
  for (let i = 0; i < more.length; i++) h = (Math.imul(h, BASE) + more.charCodeAt(i)) | 0;
  return h;
}

function readOf(output: Output): string {
  return (output as KvValue).value ?? '';
}

function isKvValue(value: unknown): value is KvValue {
  if (typeof value !== 'object' || value === null) return false;
  const { key, value: v } = value as Record<string, unknown>;
  return typeof key === 'string' && (v === undefined || v === null || typeof v === 'string');
}

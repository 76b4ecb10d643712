import type { Model, Partition } from '../model';
import { UNKNOWN, type Operation, type Output } from '../operation';
import { show, unknownFunction } from './values';

/** A kv operation's value, at invoke and at completion: the key and the string given or read. */
export interface KvValue {
  key: string;
  value?: string | null;
}

const FUNCTIONS = ['get', 'put', 'append'];

/**
 * A key-value store of strings, as Porcupine's kv model: `get k → v`, `put k v`, `append k v`
 * (concatenates). A missing key reads as "" (or nil). Keys are independent, so the history is
 * checked key by key; the state is one key's string.
 */
export const kvModel: Model<string> = {
  name: 'kv',
  init: () => '',
  step(state, f, input, output) {
    const value = (input as KvValue).value ?? '';
    if (f === 'put') return { ok: true, next: value };
    if (f === 'append') return { ok: true, next: state + value };
    return { ok: output === UNKNOWN || readOf(output) === state, next: state };
  },
  equal: (a, b) => a === b,
  // Values only grow by appends: the length and the last character tell most states apart at no cost.
  hash: (state) => state.length * 65_599 + (state.length > 0 ? state.charCodeAt(state.length - 1) : 0),
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
  describeState: (state) => `the key holds ${show(state)}`,
};

function readOf(output: Output): string {
  return (output as KvValue).value ?? '';
}

function isKvValue(value: unknown): value is KvValue {
  if (typeof value !== 'object' || value === null) return false;
  const { key, value: v } = value as Record<string, unknown>;
  return typeof key === 'string' && (v === undefined || v === null || typeof v === 'string');
}

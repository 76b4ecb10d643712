import { className } from './snapshot';

/**
 * 53-bit hashes of what a state key writes, computed without writing it: a search hashes every
 * state it reaches, and building the snapshot and its JSON text cost more than the step that led
 * there. Each hash stands for the same canonical form the key's text has (`snapshotFields`,
 * uncapped): equal texts, equal hashes. Object keys are sorted in the text, so their entries
 * are summed here, in any order; arrays, Maps and Sets keep their order in both.
 */

/** Mixes 53-bit part hashes into one, in order (two 32-bit multiply-xorshift lanes, as cyrb53 does). */
export class PartHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(n: number): void {
    const low = n >>> 0;
    const high = Math.floor(n / 4294967296) >>> 0;
    this.h1 = Math.imul(this.h1 ^ low, 2654435761);
    this.h2 = Math.imul(this.h2 ^ low, 1597334677);
    this.h1 = Math.imul(this.h1 ^ high, 2246822507);
    this.h2 = Math.imul(this.h2 ^ high, 3266489909);
  }

  value(): number {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

/** A 53-bit hash of a text (cyrb53): a state key's, a string's inside one. */
export function hashStateKey(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** What a value was, mixed in before it: a string "1" and a number 1 differ, and so do [] and {}. */
const enum Tag {
  String = 1,
  Number,
  NaN,
  True,
  False,
  Undefined,
  Null,
  Bigint,
  Symbol,
  Function,
  Date,
  Array,
  Map,
  Set,
  Object,
  ClassObject,
  Cycle,
  Context,
  Accessor,
  Fields,
}

/** A number's 64 bits, as two 32-bit words: -0 and 0 differ, as in the key. */
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/** An unordered collection of entry hashes: two 32-bit sums, whatever order they come in. */
export class EntrySum {
  low = 0;
  high = 0;
  count = 0;

  add(entry: number): void {
    this.low = (this.low + (entry >>> 0)) >>> 0;
    this.high = (this.high + Math.floor(entry / 4294967296)) >>> 0;
    this.count++;
  }

  /** Mixes the collection into `h`. */
  into(h: PartHash): void {
    h.add(this.count);
    h.add(this.low);
    h.add(this.high);
  }
}

/**
 * The hash of a node's fields as `snapshotFields(instance, context)` writes them: own enumerable
 * fields, the context and functions left out, getters not run.
 */
export function hashFields(instance: object, context: unknown): number {
  return new Hasher(context).fields(instance);
}

class Hasher {
  /** The objects being hashed, outermost first: a reference to one is a cycle, named by its place here. */
  private readonly stack: object[] = [];

  constructor(private readonly context: unknown) {}

  fields(instance: object): number {
    this.stack.push(instance);
    const sum = new EntrySum();
    for (const key of Object.keys(instance)) {
      const descriptor = Object.getOwnPropertyDescriptor(instance, key);
      if (descriptor === undefined) continue;
      if (!('value' in descriptor)) {
        sum.add(entry(key, tagOnly(Tag.Accessor)));
        continue;
      }
      const value: unknown = descriptor.value;
      if (value === this.context || typeof value === 'function') continue;
      sum.add(entry(key, this.value(value)));
    }
    this.stack.pop();
    return sealed(Tag.Fields, 0, sum);
  }

  private value(value: unknown): number {
    switch (typeof value) {
      case 'string':
        return tagged(Tag.String, hashStateKey(value));
      case 'number':
        if (Number.isNaN(value)) return tagOnly(Tag.NaN);
        return numberHash(value);
      case 'boolean':
        return tagOnly(value ? Tag.True : Tag.False);
      case 'undefined':
        return tagOnly(Tag.Undefined);
      case 'bigint':
        return tagged(Tag.Bigint, hashStateKey(value.toString()));
      case 'symbol':
        return tagged(Tag.Symbol, hashStateKey(value.description ?? ''));
      case 'function':
        return tagged(Tag.Function, hashStateKey(value.name));
      case 'object':
        return value === null ? tagOnly(Tag.Null) : this.object(value);
    }
  }

  private object(value: object): number {
    if (value === this.context) return tagOnly(Tag.Context);
    const at = this.stack.indexOf(value);
    if (at >= 0) return tagged(Tag.Cycle, at);
    if (value instanceof Date) return tagged(Tag.Date, hashStateKey(String(value.getTime())));
    this.stack.push(value);
    const hash = this.container(value);
    this.stack.pop();
    return hash;
  }

  private container(value: object): number {
    const h = new PartHash();
    if (Array.isArray(value)) {
      h.add(Tag.Array);
      h.add(value.length);
      for (let i = 0; i < value.length; i++) h.add(this.value(value[i]));
      return h.value();
    }
    if (value instanceof Map) {
      h.add(Tag.Map);
      h.add(value.size);
      for (const [k, v] of value as Map<unknown, unknown>) {
        h.add(this.value(k));
        h.add(this.value(v));
      }
      return h.value();
    }
    if (value instanceof Set) {
      h.add(Tag.Set);
      h.add(value.size);
      for (const v of value as Set<unknown>) h.add(this.value(v));
      return h.value();
    }
    const sum = new EntrySum();
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      sum.add(entry(key, 'value' in descriptor ? this.value(descriptor.value) : tagOnly(Tag.Accessor)));
    }
    const name = className(value);
    return name === undefined ? sealed(Tag.Object, 0, sum) : sealed(Tag.ClassObject, hashStateKey(name), sum);
  }
}

/**
 * The hash of `canonicalJson(value)`, for JSON data (a sealed message): what JSON writes alike
 * hashes alike (NaN and Infinity as null, -0 as 0), and an object's keys in any order.
 */
export function hashJson(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return tagged(Tag.String, hashStateKey(value));
    case 'number':
      return Number.isFinite(value) ? numberHash(value === 0 ? 0 : value) : tagOnly(Tag.Null);
    case 'boolean':
      return tagOnly(value ? Tag.True : Tag.False);
    case 'object': {
      if (value === null) return tagOnly(Tag.Null);
      if (Array.isArray(value)) {
        const h = new PartHash();
        h.add(Tag.Array);
        h.add(value.length);
        for (let i = 0; i < value.length; i++) h.add(hashJson(value[i]));
        return h.value();
      }
      const sum = new EntrySum();
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) sum.add(entry(key, hashJson(record[key])));
      return sealed(Tag.Object, 0, sum);
    }
    default:
      // What canonicalJson writes as "undefined" (JSON has no text for it).
      return tagOnly(Tag.Undefined);
  }
}

function numberHash(value: number): number {
  numberBits[0] = value;
  const h = new PartHash();
  h.add(Tag.Number);
  h.add(numberWords[0] as number);
  h.add(numberWords[1] as number);
  return h.value();
}

function tagOnly(tag: Tag): number {
  const h = new PartHash();
  h.add(tag);
  return h.value();
}

function tagged(tag: Tag, n: number): number {
  const h = new PartHash();
  h.add(tag);
  h.add(n);
  return h.value();
}

/** One field: its name and its value's hash, mixed so that swapping values between names shows. */
export function entry(key: string, value: number): number {
  const h = new PartHash();
  h.add(hashStateKey(key));
  h.add(value);
  return h.value();
}

function sealed(tag: Tag, name: number, sum: EntrySum): number {
  const h = new PartHash();
  h.add(tag);
  h.add(name);
  sum.into(h);
  return h.value();
}

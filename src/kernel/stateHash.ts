import { className } from './snapshot';

/**
 * 53-bit hashes of what a state key writes, computed without writing it: a search hashes every
 * state it reaches, and building the snapshot and its JSON text cost more than the step that led
 * there. Each hash stands for the same canonical form the key's text has (`snapshotFields`,
 * uncapped): equal texts, equal hashes. Object keys are sorted in the text, so their entries
 * are summed here, in any order; arrays, Maps and Sets keep their order in both. Hashes are
 * numbers mixed into numbers, with no text and no hash object built along the way.
 */

/** Where every chain of `mix` starts. */
export const HASH_START = 0x2545f491;

/** Mixes a 53-bit value into a 53-bit hash (two 32-bit multiply-xorshift lanes, as cyrb53 does). */
export function mix(hash: number, n: number): number {
  let h1 = (hash >>> 0) ^ 0xdeadbeef;
  let h2 = (Math.floor(hash / 4294967296) >>> 0) ^ 0x41c6ce57;
  const low = n >>> 0;
  const high = Math.floor(n / 4294967296) >>> 0;
  h1 = Math.imul(h1 ^ low, 2654435761);
  h2 = Math.imul(h2 ^ low, 1597334677);
  h1 = Math.imul(h1 ^ high, 2246822507);
  h2 = Math.imul(h2 ^ high, 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * An unordered collection of hashes is summed, in two 32-bit lanes: `sumLow` and `sumHigh` add
 * one to the running sums, `unordered` hashes the count and the sums.
 */
export function sumLow(sum: number, hash: number): number {
  return (sum + (hash >>> 0)) >>> 0;
}

export function sumHigh(sum: number, hash: number): number {
  return (sum + Math.floor(hash / 4294967296)) >>> 0;
}

export function unordered(count: number, low: number, high: number): number {
  return mix(mix(mix(HASH_START, count), low), high);
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

function tagged(tag: Tag, n: number): number {
  return mix(mix(HASH_START, tag), n);
}

/** A tag alone, for a value that is nothing more (true, null, a getter). */
function tagOnly(tag: Tag): number {
  return tagged(tag, 0);
}

/** A number's 64 bits, as two 32-bit words: -0 and 0 differ, as in the key. */
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

function numberHash(value: number): number {
  numberBits[0] = value;
  return mix(tagged(Tag.Number, numberWords[0] as number), numberWords[1] as number);
}

/** One field: its name and its value's hash, mixed so that swapping values between names shows. */
export function entry(key: string, value: number): number {
  return mix(hashStateKey(key), value);
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
        let h = tagged(Tag.Array, value.length);
        for (let i = 0; i < value.length; i++) h = mix(h, hashJson(value[i]));
        return h;
      }
      const record = value as Record<string, unknown>;
      let count = 0;
      let low = 0;
      let high = 0;
      for (const key in record) {
        const e = entry(key, hashJson(record[key]));
        low = sumLow(low, e);
        high = sumHigh(high, e);
        count++;
      }
      return mix(tagged(Tag.Object, 0), unordered(count, low, high));
    }
    default:
      // What canonicalJson writes as "undefined" (JSON has no text for it).
      return tagOnly(Tag.Undefined);
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
    const hash = mix(tagged(Tag.Fields, 0), this.entries(instance, true));
    this.stack.pop();
    return hash;
  }

  /**
   * An object's own enumerable entries, in any order; a getter is not run. `fields`: a node's
   * own, where its context and functions are left out.
   */
  private entries(value: object, fields: boolean): number {
    let count = 0;
    let low = 0;
    let high = 0;
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      let hash = tagOnly(Tag.Accessor);
      if ('value' in descriptor) {
        const field: unknown = descriptor.value;
        if (fields && (field === this.context || typeof field === 'function')) continue;
        hash = this.value(field);
      }
      const e = entry(key, hash);
      low = sumLow(low, e);
      high = sumHigh(high, e);
      count++;
    }
    return unordered(count, low, high);
  }

  private value(value: unknown): number {
    switch (typeof value) {
      case 'string':
        return tagged(Tag.String, hashStateKey(value));
      case 'number':
        return Number.isNaN(value) ? tagOnly(Tag.NaN) : numberHash(value);
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
    if (Array.isArray(value)) {
      let h = tagged(Tag.Array, value.length);
      for (let i = 0; i < value.length; i++) h = mix(h, this.value(value[i]));
      return h;
    }
    if (value instanceof Map) {
      let h = tagged(Tag.Map, value.size);
      for (const [k, v] of value as Map<unknown, unknown>) h = mix(mix(h, this.value(k)), this.value(v));
      return h;
    }
    if (value instanceof Set) {
      let h = tagged(Tag.Set, value.size);
      for (const v of value as Set<unknown>) h = mix(h, this.value(v));
      return h;
    }
    const name = className(value);
    const sum = this.entries(value, false);
    return name === undefined ? mix(tagged(Tag.Object, 0), sum) : mix(tagged(Tag.ClassObject, hashStateKey(name)), sum);
  }
}

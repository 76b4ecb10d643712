/**
 * A process's state as plain JSON: what a student's fields and durable storage hold, written so
 * that any value (Maps, Sets, cycles, NaN, bigint, class instances) survives a JSON round trip and
 * the same value always gives the same text. Pure and host-free: Node and a browser agree.
 */

/** One value, tagged where JSON alone cannot say what it was. JSON scalars stand for themselves. */
export type StateValue =
  | string
  | number
  | boolean
  | null
  | { t: 'undefined' }
  /** A number JSON has no literal for. */
  | { t: 'number'; v: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { t: 'bigint'; v: string }
  | { t: 'symbol'; v: string }
  | { t: 'function'; name: string }
  /** A string cut at the length cap; `more` characters were left out. */
  | { t: 'string'; v: string; more: number }
  | { t: 'date'; v: string }
  /** `more` entries past the entry cap were left out. */
  | { t: 'array'; items: StateValue[]; more?: number }
  | { t: 'set'; items: StateValue[]; more?: number }
  | { t: 'map'; entries: Array<[StateValue, StateValue]>; more?: number }
  /** Own enumerable properties, sorted by key; `class` when the object is an instance of one. */
  | { t: 'object'; class?: string; entries: Array<[string, StateValue]>; more?: number }
  /** A reference back to an object that contains it, by its path from the node. */
  | { t: 'cycle'; path: string }
  /** The process's context (`ctx`), which is the simulator's and not state. */
  | { t: 'context' }
  /** A property with a getter: reading it would run code, so it is not read. */
  | { t: 'accessor' }
  /** Past the depth cap or the value budget: what it was ("Map(3)", "Object"). */
  | { t: 'truncated'; what: string };

export interface SnapshotCaps {
  /** Containers nested deeper than this are summarised. */
  depth: number;
  /** Entries kept from each array, Map, Set or object. */
  entries: number;
  /** Characters kept from each string. */
  stringLength: number;
  /** Values written in one snapshot of one field, all containers included; past it, containers list no more entries. */
  values: number;
}

export const defaultCaps: SnapshotCaps = Object.freeze({ depth: 6, entries: 64, stringLength: 256, values: 2000 });

/**
 * The instance's own enumerable fields, sorted by name: functions are behaviour, not state, and the
 * process's context is the simulator's, so both are left out.
 */
export function snapshotFields(
  instance: object,
  context: unknown,
  caps: SnapshotCaps = defaultCaps,
): Array<[string, StateValue]> {
  const out: Array<[string, StateValue]> = [];
  for (const key of Object.keys(instance).sort(byCodeUnits)) {
    const descriptor = Object.getOwnPropertyDescriptor(instance, key);
    if (descriptor === undefined) continue;
    if ('value' in descriptor) {
      const value: unknown = descriptor.value;
      if (value === context || typeof value === 'function') continue;
      out.push([key, snapshotValue(value, caps, `this.${key}`, context, [instance])]);
    } else out.push([key, { t: 'accessor' }]);
  }
  return out;
}

/** Durable storage as the process would read it back: each stored JSON text parsed, sorted by key. */
export function snapshotStorage(
  disk: ReadonlyMap<string, string>,
  caps: SnapshotCaps = defaultCaps,
): Array<[string, StateValue]> {
  return [...disk.keys()]
    .sort(byCodeUnits)
    .map((key) => [key, snapshotValue(JSON.parse(disk.get(key) as string), caps, `storage.${key}`)]);
}

/**
 * One value as a StateValue. `path` names it in cycle references; `context` is left out wherever it
 * appears; `ancestors` are the objects that contain it (a reference to one of them is a cycle).
 */
export function snapshotValue(
  value: unknown,
  caps: SnapshotCaps = defaultCaps,
  path = '$',
  context?: unknown,
  ancestors: object[] = [],
): StateValue {
  const writer = new Writer(caps, context);
  writer.paths.push(...ancestors.map(() => ''));
  writer.stack.push(...ancestors);
  return writer.write(value, path, ancestors.length);
}

class Writer {
  /** The objects being written, outermost first, and their paths. */
  readonly stack: object[] = [];
  readonly paths: string[] = [];
  private budget: number;

  constructor(
    private readonly caps: SnapshotCaps,
    private readonly context: unknown,
  ) {
    this.budget = caps.values;
  }

  write(value: unknown, path: string, depth: number): StateValue {
    this.budget--;
    switch (typeof value) {
      case 'string':
        return value.length <= this.caps.stringLength
          ? value
          : { t: 'string', v: value.slice(0, this.caps.stringLength), more: value.length - this.caps.stringLength };
      case 'number':
        if (Number.isNaN(value)) return { t: 'number', v: 'NaN' };
        if (value === Infinity) return { t: 'number', v: 'Infinity' };
        if (value === -Infinity) return { t: 'number', v: '-Infinity' };
        if (Object.is(value, -0)) return { t: 'number', v: '-0' };
        return value;
      case 'boolean':
        return value;
      case 'undefined':
        return { t: 'undefined' };
      case 'bigint':
        return { t: 'bigint', v: value.toString() };
      case 'symbol':
        return { t: 'symbol', v: value.description ?? '' };
      case 'function':
        return { t: 'function', name: value.name };
      case 'object':
        if (value === null) return null;
        return this.writeObject(value, path, depth);
    }
  }

  private writeObject(value: object, path: string, depth: number): StateValue {
    if (value === this.context) return { t: 'context' };
    const at = this.stack.indexOf(value);
    if (at >= 0) return { t: 'cycle', path: this.paths[at] || 'this' };
    if (value instanceof Date)
      return { t: 'date', v: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
    if (depth >= this.caps.depth || this.budget <= 0) return { t: 'truncated', what: summary(value) };
    this.stack.push(value);
    this.paths.push(path);
    try {
      return this.writeContainer(value, path, depth + 1);
    } finally {
      this.stack.pop();
      this.paths.pop();
    }
  }

  private writeContainer(value: object, path: string, depth: number): StateValue {
    const cap = this.caps.entries;
    if (Array.isArray(value)) {
      const items: StateValue[] = [];
      for (let i = 0; i < Math.min(value.length, cap) && this.budget > 0; i++)
        items.push(this.write(value[i], `${path}[${i}]`, depth));
      return { t: 'array', items, ...more(value.length - items.length) };
    }
    if (value instanceof Map) {
      const entries: Array<[StateValue, StateValue]> = [];
      for (const [k, v] of value) {
        if (entries.length === cap || this.budget <= 0) break;
        const key = this.write(k, `${path}.key`, depth);
        entries.push([key, this.write(v, `${path}.get(${keyText(k)})`, depth)]);
      }
      return { t: 'map', entries, ...more(value.size - entries.length) };
    }
    if (value instanceof Set) {
      const items: StateValue[] = [];
      for (const v of value) {
        if (items.length === cap || this.budget <= 0) break;
        items.push(this.write(v, `${path}.item`, depth));
      }
      return { t: 'set', items, ...more(value.size - items.length) };
    }
    const keys = Object.keys(value).sort(byCodeUnits);
    const entries: Array<[string, StateValue]> = [];
    for (const key of keys.slice(0, cap)) {
      if (this.budget <= 0) break;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      entries.push([
        key,
        'value' in descriptor ? this.write(descriptor.value, `${path}.${key}`, depth) : { t: 'accessor' },
      ]);
    }
    const name = className(value);
    const left = more(keys.length - entries.length);
    return name === undefined ? { t: 'object', entries, ...left } : { t: 'object', class: name, entries, ...left };
  }
}

/** `more` for a container that left `count` entries out: absent when it left none. */
function more(count: number): { more?: number } {
  return count > 0 ? { more: count } : {};
}

/** The class an object is an instance of; undefined for plain objects and null-prototype ones. */
export function className(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'Object';
}

/** "Map(3)", "Array(2)", "Peer": what a value past the caps was. */
function summary(value: object): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  return className(value) ?? 'Object';
}

function keyText(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key);
  return '…';
}

/** Sorting by UTF-16 code units, the same in every engine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

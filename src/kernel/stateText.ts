import type { StateValue } from './snapshot';

/**
 * A recorded value as a console would show it: `Map(2) {"a" => 1, "b" => 2}`, `Set(1) {3}`,
 * `Peer {id: "n2", next: 4}`, `[1, 2, …3 more]`. Long results are cut at `maxLength` characters.
 */
export function describeStateValue(value: StateValue, maxLength = 400): string {
  const text = describe(value);
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

function describe(value: StateValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  switch (value.t) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return value.v;
    case 'bigint':
      return `${value.v}n`;
    case 'symbol':
      return `Symbol(${value.v})`;
    case 'function':
      return `ƒ ${value.name || '(anonymous)'}`;
    case 'string':
      return `${JSON.stringify(value.v).slice(0, -1)}…" (+${value.more} chars)`;
    case 'date':
      return `Date(${value.v})`;
    case 'array':
      return `[${listed(value.items.map(describe), value.more)}]`;
    case 'set':
      return `Set(${value.items.length + (value.more ?? 0)}) {${listed(value.items.map(describe), value.more)}}`;
    case 'map':
      return `Map(${value.entries.length + (value.more ?? 0)}) {${listed(
        value.entries.map(([k, v]) => `${describe(k)} => ${describe(v)}`),
        value.more,
      )}}`;
    case 'object': {
      const body = listed(
        value.entries.map(([k, v]) => `${propertyName(k)}: ${describe(v)}`),
        value.more,
      );
      return `${value.class === undefined ? '' : `${value.class} `}{${body}}`;
    }
    case 'cycle':
      return `[Circular ${value.path}]`;
    case 'context':
      return '[ctx]';
    case 'accessor':
      return '[Getter]';
    case 'truncated':
      return `[${value.what} …]`;
  }
}

function listed(items: string[], more: number | undefined): string {
  return more ? [...items, `…${more} more`].join(', ') : items.join(', ');
}

/** Identifiers bare, anything else quoted: `{term: 3, "peer-1": true}`. */
function propertyName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

import { Ev } from './events';
import type { SessionInternals } from './session';
import { byCodeUnits, snapshotFields, type SnapshotCaps } from './snapshot';

/** No caps: two states that differ anywhere in a field must not share a key. */
const exactCaps: SnapshotCaps = Object.freeze({
  depth: 64,
  entries: Number.MAX_SAFE_INTEGER,
  stringLength: Number.MAX_SAFE_INTEGER,
  values: Number.MAX_SAFE_INTEGER,
});

/**
 * A chosen run's state as canonical text: the same state always gives the same text, whatever
 * path led to it. Per process: up or down, its fields (the snapshot serializer's canonical form),
 * its storage and the names of its armed timers; then the multiset of messages in flight and of
 * other pending events, sorted; then the fault budget spent. Virtual time is left out, and so
 * are timers' due times (as DSLabs does): a timer can fire at any point, so when it is due says
 * nothing about what can happen next. The random streams' positions are left out too.
 */
export function stateKey(
  { world, scheduler }: SessionInternals,
  spent: { crashes: number; drops: number; duplicates: number },
): string {
  const parts: string[] = [];
  for (const slot of world.slots) {
    if (!slot.up || slot.instance === undefined) parts.push(slot.up ? 'not started' : 'down');
    else parts.push(JSON.stringify(snapshotFields(slot.instance, slot.ctx, exactCaps)));
    const keys = [...slot.disk.keys()].sort(byCodeUnits);
    parts.push(keys.map((k) => `${k}=${slot.disk.get(k) as string}`).join('\u0001'));
    const armed: string[] = [];
    for (const timer of slot.timers.values()) if (timer.token !== 0) armed.push(timer.name);
    parts.push(armed.sort(byCodeUnits).join('\u0001'));
  }
  const pending: string[] = [];
  for (const ev of scheduler.entries) {
    if (!world.isEnabled(ev, Math.max(world.now, ev.time))) continue;
    switch (ev.kind) {
      case Ev.Deliver:
        pending.push(`d${ev.from}>${ev.node}:${messageJson(ev.msg)}`);
        break;
      case Ev.Timer:
        break; // in its process's armed timers
      case Ev.ClientSend:
        pending.push(`c>${ev.node}:${messageJson(ev.msg)}`);
        break;
      case Ev.Fault:
        pending.push(`f${canonicalJson(ev.fault)}`);
        break;
      case Ev.Resume:
      case Ev.Start:
        pending.push(`${ev.kind}@${ev.node}`);
        break;
    }
  }
  parts.push(pending.sort(byCodeUnits).join('\u0001'));
  parts.push(`${spent.crashes},${spent.drops},${spent.duplicates}`);
  return parts.join('\u0002');
}

/** Messages' canonical texts: a message stays in flight across many states, and a search keys each. */
const messageTexts = new WeakMap<object, string>();

/** `canonicalJson` of a message, remembered when it is frozen all through (as sent messages are) and so cannot change. */
function messageJson(msg: unknown): string {
  if (typeof msg !== 'object' || msg === null) return canonicalJson(msg);
  const known = messageTexts.get(msg);
  if (known !== undefined) return known;
  const text = canonicalJson(msg);
  if (frozenThrough(msg)) messageTexts.set(msg, text);
  return text;
}

function frozenThrough(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const descriptor = Object.getOwnPropertyDescriptor(record, key);
    if (descriptor === undefined || !('value' in descriptor) || !frozenThrough(descriptor.value)) return false;
  }
  return true;
}

/** JSON data with every object's keys sorted: equal data, equal text, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byCodeUnits);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** A 53-bit hash of a state key (cyrb53): a visited set stores numbers, not the texts. */
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

import { Ev, type SimEvent } from './events';
import type { ProcessSlot } from './processSlot';
import type { SessionInternals } from './session';
import { byCodeUnits, snapshotFields, type SnapshotCaps } from './snapshot';
import { entry, hashFields, hashJson, hashStateKey, HASH_START, mix, sumHigh, sumLow, unordered } from './stateHash';

/** No caps: two states that differ anywhere in a field must not share a key. */
const exactCaps: SnapshotCaps = Object.freeze({
  depth: 64,
  entries: Number.MAX_SAFE_INTEGER,
  stringLength: Number.MAX_SAFE_INTEGER,
  values: Number.MAX_SAFE_INTEGER,
});

/**
 * A chosen run's state as canonical text: the same state always gives the same text, whatever
 * path led to it. Per process: up or down, its fields (the snapshot serializer's canonical form)
 * and what the exercise's extra API remembers of it, its storage and the names of its armed timers; then the multiset of messages in flight and of
 * other pending events, sorted; then the fault budget spent. Virtual time is left out, and so
 * are timers' due times (as DSLabs does): a timer can fire at any point, so when it is due says
 * nothing about what can happen next. The random streams' positions are left out too.
 */
export function stateKey({ world, scheduler }: SessionInternals, spent: FaultSpent): string {
  const parts: string[] = [];
  for (const slot of world.slots) parts.push(processKey(slot));
  const pending: string[] = [];
  for (const ev of scheduler.entries) {
    if (!world.isEnabled(ev, Math.max(world.now, ev.time))) continue;
    const text = pendingText(ev);
    if (text !== undefined) pending.push(text);
  }
  parts.push(pending.sort(byCodeUnits).join('\u0001'));
  parts.push(`${spent.crashes},${spent.drops},${spent.duplicates}`);
  return parts.join('\u0002');
}

/**
 * The state key's hash, built from the hashes of its parts: equal keys, equal hashes. A search
 * hashes every state it reaches, and most of a key is the processes a step did not touch: their
 * parts' hashes are cached on their slots, and each pending message's on its queue entry.
 */
export function stateHash({ world, scheduler }: SessionInternals, spent: FaultSpent): number {
  let hash = HASH_START;
  for (const slot of world.slots) hash = mix(hash, processHash(slot));
  // A multiset, whatever order the queue holds it in: its hashes summed, as an object's entries are.
  let count = 0;
  let low = 0;
  let high = 0;
  for (const ev of scheduler.entries) {
    if (!world.isEnabled(ev, Math.max(world.now, ev.time))) continue;
    const h = pendingHash(ev);
    if (h === undefined) continue;
    low = sumLow(low, h);
    high = sumHigh(high, h);
    count++;
  }
  hash = mix(hash, unordered(count, low, high));
  return mix(mix(mix(hash, spent.crashes), spent.drops), spent.duplicates);
}

interface FaultSpent {
  crashes: number;
  drops: number;
  duplicates: number;
}

/** A process's part of the key. */
function processKey(slot: ProcessSlot): string {
  let text: string;
  if (!slot.up || slot.instance === undefined) text = slot.up ? 'not started' : 'down';
  else text = JSON.stringify(snapshotFields(slot.instance, slot.ctx, exactCaps)) + canonicalJson(slot.memory);
  const keys = [...slot.disk.keys()].sort(byCodeUnits);
  text += '\u0002' + keys.map((k) => `${k}=${slot.disk.get(k) as string}`).join('\u0001');
  const armed: string[] = [];
  for (const timer of slot.timers.values()) if (timer.token !== 0) armed.push(timer.name);
  text += '\u0002' + armed.sort(byCodeUnits).join('\u0001');
  return text;
}

/** The hash of what `processKey` writes, built without writing it; cached on the slot as the text is. */
function processHash(slot: ProcessSlot): number {
  if (slot.keyHash !== undefined) return slot.keyHash;
  let hash = mix(HASH_START, slot.up ? (slot.instance === undefined ? 1 : 3) : 2);
  if (slot.up && slot.instance !== undefined)
    hash = mix(mix(hash, hashFields(slot.instance, slot.ctx)), hashJson(slot.memory));
  let low = 0;
  let high = 0;
  for (const [key, text] of slot.disk) {
    const e = entry(key, hashStateKey(text));
    low = sumLow(low, e);
    high = sumHigh(high, e);
  }
  hash = mix(hash, unordered(slot.disk.size, low, high));
  let armed = 0;
  low = 0;
  high = 0;
  for (const timer of slot.timers.values()) {
    if (timer.token === 0) continue;
    const e = hashStateKey(timer.name);
    low = sumLow(low, e);
    high = sumHigh(high, e);
    armed++;
  }
  slot.keyHash = mix(hash, unordered(armed, low, high));
  return slot.keyHash;
}

/** A pending entry as the key writes it; undefined for a timer, which its process's armed timers stand for. */
function pendingText(ev: SimEvent): string | undefined {
  switch (ev.kind) {
    case Ev.Deliver:
      return `d${ev.from}>${ev.node}:${canonicalJson(ev.msg)}`;
    case Ev.Timer:
      return undefined;
    case Ev.ClientSend:
      return `c>${ev.node}:${canonicalJson(ev.msg)}`;
    case Ev.Fault:
      return `f${canonicalJson(ev.fault)}`;
    case Ev.Resume:
    case Ev.Start:
      return `${ev.kind}@${ev.node}`;
  }
}

/** `pendingText`'s hash, with no text built; a delivery's or request's is kept on its entry (a fork copies it). */
export function pendingHash(ev: SimEvent): number | undefined {
  switch (ev.kind) {
    case Ev.Deliver:
    case Ev.ClientSend: {
      if (ev.keyHash !== 0) return ev.keyHash;
      const from = ev.kind === Ev.Deliver ? ev.from : -1;
      ev.keyHash = mix(mix(mix(mix(HASH_START, ev.kind), from), ev.node), hashJson(ev.msg));
      return ev.keyHash;
    }
    case Ev.Timer:
      return undefined;
    default: {
      const text = pendingText(ev);
      return text === undefined ? undefined : hashStateKey(text);
    }
  }
}

/** JSON data with every object's keys sorted: equal data, equal text, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byCodeUnits);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

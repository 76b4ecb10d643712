import { StudentApiError } from './errors';
import type { Message } from './api';

/**
 * Checks a message is plain JSON data and freezes it, deeply. A sent message is immutable: the
 * receiver gets the very same object, so neither side can change what the other sees.
 */
export function sealMessage(msg: unknown, call: string): Message {
  if (
    typeof msg !== 'object' ||
    msg === null ||
    Array.isArray(msg) ||
    typeof (msg as { type?: unknown }).type !== 'string'
  ) {
    throw new StudentApiError(`${call}: a message must be an object with a string "type", got ${preview(msg)}`);
  }
  // Already sealed (a broadcast, a message sent on): nothing to walk.
  if (Object.isFrozen(msg)) return msg as Message;
  const depth = enclosing.length; // not 0 when a getter in a message sends a message
  const outerRoot = root;
  root = depth;
  try {
    seal(msg, call);
  } finally {
    root = outerRoot;
    // Only an error leaves entries behind; writing `length` every time would cost a runtime call.
    if (enclosing.length !== depth) {
      enclosing.length = depth;
      keys.length = depth;
    }
  }
  return msg as Message;
}

/** The objects from the message down to the value being sealed: a cycle would break the trace's JSON. */
const enclosing: object[] = [];
/** keys[i] is the key under which the value below enclosing[i] is held; the path is built only for an error. */
const keys: string[] = [];
/** Where the message being sealed starts in those stacks (a getter in a message may send another). */
let root = 0;

function seal(value: unknown, call: string): void {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new StudentApiError(`${call}: ${currentPath()} is a ${typeof value}; messages carry plain JSON data only`);
  }
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  if (enclosing.includes(value))
    throw new StudentApiError(
      `${call}: ${currentPath()} refers back to an object that contains it; a message must be a tree of JSON data, without cycles`,
    );
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
    throw new StudentApiError(
      `${call}: ${currentPath()} is a ${proto?.constructor?.name ?? 'non-plain object'}; messages carry plain JSON data only (objects, arrays, strings, numbers, booleans, null)`,
    );
  }
  enclosing.push(value);
  keys.push('');
  const top = keys.length - 1;
  for (const key in value) {
    keys[top] = key;
    seal((value as Record<string, unknown>)[key], call);
  }
  keys.pop();
  enclosing.pop();
  // Frozen after its contents, so that a cycle back to it is still caught above.
  Object.freeze(value);
}

/** "msg.a.b": where the value being sealed sits in the message. */
function currentPath(): string {
  let path = 'msg';
  for (let i = root; i < keys.length; i++) path += `.${keys[i] as string}`;
  return path;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

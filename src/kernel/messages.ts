import { StudentApiError } from './errors';
import type { Message } from './api';

/**
 * Checks a message is plain JSON data and freezes it, deeply. A sent message is immutable: the
 * receiver gets the very same object, so neither side can change what the other sees.
 */
export function sealMessage(msg: unknown, call: string): Message {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg) || typeof (msg as { type?: unknown }).type !== 'string') {
    throw new StudentApiError(`${call}: a message must be an object with a string "type", got ${preview(msg)}`);
  }
  const depth = enclosing.length; // not 0 when a getter in a message sends a message
  try {
    seal(msg, 'msg', call);
  } finally {
    enclosing.length = depth;
  }
  return msg as Message;
}

/** The objects from the message down to the value being sealed: a cycle would break the trace's JSON. */
const enclosing: object[] = [];

function seal(value: unknown, path: string, call: string): void {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new StudentApiError(`${call}: ${path} is a ${typeof value}; messages carry plain JSON data only`);
  }
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  if (enclosing.includes(value)) throw new StudentApiError(`${call}: ${path} refers back to an object that contains it; a message must be a tree of JSON data, without cycles`);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
    throw new StudentApiError(`${call}: ${path} is a ${proto?.constructor?.name ?? 'non-plain object'}; messages carry plain JSON data only (objects, arrays, strings, numbers, booleans, null)`);
  }
  enclosing.push(value);
  for (const key in value) seal((value as Record<string, unknown>)[key], `${path}.${key}`, call);
  enclosing.pop();
  // Frozen after its contents, so that a cycle back to it is still caught above.
  Object.freeze(value);
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

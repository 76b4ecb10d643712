import type { Choice } from '../../kernel/choices';
import type { InFlightCopy } from '../../kernel/inFlight';
import { canonicalJson } from '../../kernel/stateKey';
import type { Trace } from '../../kernel/trace';

/**
 * Step mode's choices and the diagram's lines in flight, matched: a deliver, drop or duplicate
 * choice stands for every copy of its message on its link (the kernel offers two copies of one
 * message as one choice), and a line in flight is a copy, named by its send in the trace.
 */

/** The message a deliver, drop or duplicate choice names, as a key; undefined for any other choice. */
export function choiceKey(choice: Choice): string | undefined {
  switch (choice.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return messageKey(choice.from, choice.to, choice.message);
    default:
      return undefined;
  }
}

/** The key of the message a copy in flight carries, read from its send in the page's trace. */
export function copyKey(trace: Trace, copy: InFlightCopy): string | undefined {
  if (copy.send < 0 || copy.send >= trace.length) return undefined;
  const data = trace.event(copy.send).data;
  return data === undefined ? undefined : messageKey(copy.from, copy.to, data);
}

/** The sends whose copies in flight carry the message `key` names, each once. */
export function sendsOf(trace: Trace, inFlight: readonly InFlightCopy[], key: string): number[] {
  return [...new Set(inFlight.filter((m) => copyKey(trace, m) === key).map((m) => m.send))];
}

function messageKey(from: string, to: string, message: unknown): string {
  // The trace's copy came through JSON: a field left undefined is gone from it.
  return `${from}>${to}:${canonicalJson(JSON.parse(JSON.stringify(message)) as unknown)}`;
}

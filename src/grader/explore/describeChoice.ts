import { describeFault, type Choice, type Message } from '../../kernel';

/** One choice in words: "deliver RequestVote n1→n2 (term 2, candidateId n1)", "fire n3's election timer". */
export function describeChoice(choice: Choice): string {
  switch (choice.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${choice.kind} ${choice.message.type} ${choice.from}→${choice.to}${messageFields(choice.message)}`;
    case 'timer':
      return `fire ${choice.node}'s ${choice.timer} timer`;
    case 'crash':
    case 'restart':
      return `${choice.kind} ${choice.node}`;
    case 'request':
      return `client sends ${choice.message.type} to ${choice.to}${messageFields(choice.message)}`;
    case 'fault':
      return describeFault(choice.fault);
    case 'resume':
      return `resume ${choice.node}`;
  }
}

/** The message's fields besides its type, scalars as they are and anything bigger as JSON. */
export function messageFields(message: Message): string {
  const fields = Object.entries(message)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return fields.length === 0 ? '' : ` (${fields.join(', ')})`;
}

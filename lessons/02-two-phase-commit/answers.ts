import { fmtMs, type Checker } from '../../src/grader';
import { COORDINATOR } from './transactions';

/** What a participant answers to each request the coordinator sends. */
const answer: Record<string, string> = { Prepare: 'Vote', Commit: 'Ack', Abort: 'Ack' };

/**
 * The network repeats and loses messages, so a participant answers every Prepare with a Vote and
 * every Commit or Abort with an Ack — repeated ones too, in the handler that receives them: the
 * first answer may have been the one that was lost.
 */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  property: 'a participant answers every Prepare with a Vote and every Commit or Abort with an Ack, repeated ones too',
  check({ trace }) {
    /** The request each participant's current handler answers, and whether the answer has left. */
    const open = new Map<string, { type: string; tx: string; index: number; time: number; answered: boolean }>();
    const unanswered = (node: string): ReturnType<Checker['check']> | undefined => {
      const request = open.get(node);
      open.delete(node);
      if (request === undefined || request.answered) return undefined;
      return {
        ok: false,
        explanation: `${node} received ${request.type} for ${request.tx} from ${COORDINATOR} at ${fmtMs(request.time)} and sent no ${answer[request.type]} back: answer every ${request.type}, a repeated one too — the coordinator repeats it because an answer was lost`,
        at: request.time,
        nodes: [node, COORDINATOR],
        events: [request.index],
      };
    };
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'deliver' && kind !== 'timer' && kind !== 'send' && kind !== 'crash') continue;
      const e = trace.event(i);
      if (e.node === COORDINATOR) continue;
      if (e.kind === 'crash') {
        open.delete(e.node); // a crash ends the handler before it could answer
        continue;
      }
      if (e.kind === 'send') {
        const request = open.get(e.node);
        const data = e.data as { type?: unknown; tx?: unknown };
        if (
          request !== undefined &&
          e.peer === COORDINATOR &&
          data.type === answer[request.type] &&
          data.tx === request.tx
        )
          request.answered = true;
        continue;
      }
      const broken = unanswered(e.node);
      if (broken) return broken;
      const data = e.data as { type?: unknown; tx?: unknown };
      if (
        e.kind === 'deliver' &&
        e.peer === COORDINATOR &&
        typeof data.type === 'string' &&
        answer[data.type] !== undefined &&
        typeof data.tx === 'string'
      ) {
        open.set(e.node, { type: data.type, tx: data.tx, index: i, time: e.time, answered: false });
      }
    }
    for (const node of [...open.keys()]) {
      const broken = unanswered(node);
      if (broken) return broken;
    }
    return { ok: true };
  },
};

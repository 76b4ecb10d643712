import { fmtMs, handlerRuns, type Checker } from '../../src/grader';
import { COORDINATOR } from './transactions';

/** What a participant answers to each request the coordinator sends. */
const answer: Partial<Record<string, string>> = { Prepare: 'Vote', Commit: 'Ack', Abort: 'Ack' };

/**
 * The network repeats and loses messages, so a participant answers every Prepare with a Vote and
 * every Commit or Abort with an Ack — repeated ones too, in the handler that receives them: the
 * first answer may have been the one that was lost. A handler cut short by a crash owes nothing.
 */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  translations: {
    'zh-cn': { property: '参与者对每个 Prepare 都回 Vote，对每个 Commit 或 Abort 都回 Ack，重复收到的也一样' },
  },
  property: 'a participant answers every Prepare with a Vote and every Commit or Abort with an Ack, repeated ones too',
  check({ trace }) {
    for (const { node, time, index, request, sends } of handlerRuns(trace)) {
      if (node === COORDINATOR || request?.from !== COORDINATOR) continue;
      const expected = answer[request.msg.type];
      const tx = request.msg.tx;
      if (expected === undefined || typeof tx !== 'string') continue;
      if (sends.some((s) => s.to === COORDINATOR && s.msg.type === expected && s.msg.tx === tx)) continue;
      return {
        ok: false,
        explanation: `${node} received ${request.msg.type} for ${tx} from ${COORDINATOR} at ${fmtMs(time)} and sent no ${expected} back: answer every ${request.msg.type}, a repeated one too — the coordinator repeats it because an answer was lost`,
        at: time,
        nodes: [node, COORDINATOR],
        events: [index],
      };
    }
    return { ok: true };
  },
};

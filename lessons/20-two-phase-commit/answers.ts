import type { NodeId } from '../../src/kernel';
import { fill, fmtMs, handlerRuns, type Checker, type Template } from '../../src/grader';
import { COORDINATOR } from './transactions';

const notAnswered: Template<{ node: NodeId; type: string; tx: string; time: number; expected: string }> = {
  en: ({ node, type, tx, time, expected }) =>
    `${node} received ${type} for ${tx} from ${COORDINATOR} at ${fmtMs(time)} and sent no ${expected} back: answer every ${type}, a repeated one too — the coordinator repeats it because an answer was lost`,
  'zh-cn': ({ node, type, tx, time, expected }) =>
    `${node} 在 ${fmtMs(time)} 收到 ${COORDINATOR} 发来的 ${tx} 的 ${type}，却没有回 ${expected}：每个 ${type} 都要回答，重复的也一样——协调者重发它，正是因为有回答丢了`,
};

/** What a participant answers to each request the coordinator sends. */
const answer: Partial<Record<string, string>> = { Prepare: 'Vote', Commit: 'Ack', Abort: 'Ack' };

/**
 * The network repeats and loses messages, so a participant answers every Prepare with a Vote and
 * every Commit or Abort with an Ack — repeated ones too, in the handler that receives them: the
 * first answer may have been the one that was lost. A handler cut short by a crash owes nothing.
 */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  anySchedule: true,
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
        explanation: fill(notAnswered, { node, type: request.msg.type, tx, time, expected }),
        at: time,
        nodes: [node, COORDINATOR],
        events: [index],
      };
    }
    return { ok: true };
  },
};

import { fill, fmtMs, type Checker, type Template } from '../../src/grader';
import { COORDINATOR } from './transactions';

/**
 * The contract asks the coordinator to resend an unanswered Prepare at least every 200 ms; the
 * bound leaves room for a drifting clock and a handler's own timing. A gap counts only while the
 * coordinator runs: a crash, a pause or a restart starts the count again.
 */
export const RESEND_BOUND_MS = 250;

const prepareNotResent: Template<{ tx: string; participant: string; sent: number }> = {
  en: ({ tx, participant, sent }) =>
    `${COORDINATOR} sent Prepare for ${tx} to ${participant} at ${fmtMs(sent)}, had no vote from it, had not decided ${tx}, and sent no Prepare again by ${fmtMs(sent + RESEND_BOUND_MS)}: resend an unanswered Prepare at least every 200 ms, for a message or its answer may have been lost`,
  'zh-cn': ({ tx, participant, sent }) =>
    `${COORDINATOR} 在 ${fmtMs(sent)} 给 ${participant} 发了 ${tx} 的 Prepare，没有收到它的投票，也还没决定 ${tx}，到 ${fmtMs(sent + RESEND_BOUND_MS)} 却没有再发 Prepare：没有回音的 Prepare 至少每 200 ms 重发一次，因为消息或它的回答可能丢了`,
};

/**
 * While a transaction is undecided, the coordinator resends Prepare to every participant whose
 * vote has not reached it: without resends, one lost message turns a transaction every participant
 * could commit into an abort (or, with no vote timeout, into a wait that never ends).
 */
export const resendsUnanswered: Checker = {
  name: 'resends-unanswered',
  translations: {
    'zh-cn': { property: `事务未决期间，对还没收到投票的参与者，协调者至少每 ${RESEND_BOUND_MS} ms 重发一次 Prepare` },
  },
  property: `while a transaction is undecided, the coordinator resends Prepare to each participant whose vote has not arrived, at least every ${RESEND_BOUND_MS} ms`,
  check({ trace }) {
    /** "participant/tx" → when the last Prepare left, while the vote is awaited. */
    const awaiting = new Map<string, { time: number; index: number }>();
    const decided = new Set<string>();
    const late = (now: number): ReturnType<Checker['check']> | undefined => {
      for (const [key, sent] of awaiting) {
        if (now - sent.time <= RESEND_BOUND_MS) continue;
        const [participant, tx] = key.split('/') as [string, string];
        return {
          ok: false,
          explanation: fill(prepareNotResent, { tx, participant, sent: sent.time }),
          at: sent.time + RESEND_BOUND_MS,
          nodes: [COORDINATOR, participant],
          events: [sent.index],
        };
      }
      return undefined;
    };
    for (let i = 0; i < trace.length; i++) {
      const time = trace.timeAt(i);
      const broken = late(time);
      if (broken) return broken;
      const kind = trace.kindAt(i);
      if (
        kind !== 'send' &&
        kind !== 'deliver' &&
        kind !== 'report' &&
        kind !== 'crash' &&
        kind !== 'pause' &&
        kind !== 'resume'
      )
        continue;
      const e = trace.event(i);
      if (e.node !== COORDINATOR) continue;
      if (kind === 'crash' || kind === 'pause') {
        awaiting.clear(); // the coordinator cannot send now; what it owes starts again when it runs
        continue;
      }
      if (kind === 'resume') continue;
      const data = (e.data ?? {}) as { type?: unknown; event?: unknown; tx?: unknown };
      if (typeof data.tx !== 'string') continue;
      const tx = data.tx;
      if (kind === 'report' && (data.event === 'commit' || data.event === 'abort')) {
        decided.add(tx);
        for (const key of [...awaiting.keys()]) if (key.endsWith(`/${tx}`)) awaiting.delete(key);
      } else if (kind === 'send' && data.type === 'Prepare' && e.peer !== undefined && !decided.has(tx)) {
        awaiting.set(`${e.peer}/${tx}`, { time, index: i });
      } else if (kind === 'deliver' && data.type === 'Vote' && e.peer !== undefined) {
        awaiting.delete(`${e.peer}/${tx}`);
      }
    }
    const end = trace.length > 0 ? trace.timeAt(trace.length - 1) : 0;
    return late(end) ?? { ok: true };
  },
};

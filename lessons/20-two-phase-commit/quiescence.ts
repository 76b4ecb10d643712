import type { NodeId } from '../../src/kernel';
import { fill, fmtMs, type Checker, type Template } from '../../src/grader';
import { COORDINATOR } from './transactions';

const sentAfterAck: Template<{ type: string; tx: string; peer: NodeId; time: number; acked: number }> = {
  en: ({ type, tx, peer, time, acked }) =>
    `${COORDINATOR} sent ${type} for ${tx} to ${peer} at ${fmtMs(time)}, after ${peer}'s Ack for ${tx} reached it at ${fmtMs(acked)}: stop resending to a participant once it has acknowledged`,
  'zh-cn': ({ type, tx, peer, time, acked }) =>
    `${COORDINATOR} 在 ${fmtMs(time)} 给 ${peer} 发了 ${tx} 的 ${type}，可 ${peer} 对 ${tx} 的 Ack 在 ${fmtMs(acked)} 就已到达：参与者确认之后，就别再向它重发了`,
};

const aboutTransaction = new Set(['Prepare', 'Commit', 'Abort']);

/**
 * The contract's efficiency rule: the coordinator stops resending to a participant once that
 * participant has acknowledged the transaction. Acks count from the coordinator's latest boot:
 * a restarted coordinator that did not log them may resend, and that is its right; and answering
 * that participant's own late or repeated message is a reply, not a resend.
 */
export const quiescence: Checker = {
  name: 'quiescence',
  translations: { 'zh-cn': { property: '参与者确认某个事务之后，协调者不再向它发送关于这个事务的任何消息' } },
  property: 'the coordinator sends nothing more about a transaction to a participant that has acknowledged it',
  check({ trace }) {
    const acked = new Map<string, { index: number; time: number }>();
    /** Whose message the coordinator's current handler answers (none in a timer): a reply is no resend. */
    let answering: NodeId | undefined;
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'deliver' && kind !== 'send' && kind !== 'timer' && kind !== 'crash') continue;
      const e = trace.event(i);
      if (e.node !== COORDINATOR) continue;
      if (kind === 'crash') acked.clear();
      if (kind !== 'send') answering = kind === 'deliver' ? e.peer : undefined;
      if (kind === 'crash' || kind === 'timer') continue;
      const msg = e.data as { type?: unknown; tx?: unknown };
      if (typeof msg.tx !== 'string' || e.peer === undefined) continue;
      const key = `${e.peer}/${msg.tx}`;
      if (kind === 'deliver' && msg.type === 'Ack') {
        if (!acked.has(key)) acked.set(key, { index: i, time: e.time });
        continue;
      }
      const ack = acked.get(key);
      if (
        kind !== 'send' ||
        typeof msg.type !== 'string' ||
        !aboutTransaction.has(msg.type) ||
        ack === undefined ||
        answering === e.peer
      )
        continue;
      return {
        ok: false,
        explanation: fill(sentAfterAck, { type: msg.type, tx: msg.tx, peer: e.peer, time: e.time, acked: ack.time }),
        at: e.time,
        nodes: [COORDINATOR, e.peer],
        events: [ack.index, i],
      };
    }
    return { ok: true };
  },
};

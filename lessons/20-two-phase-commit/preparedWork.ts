import type { NodeId } from '../../src/kernel';
import { fmtMs, type Checker } from '../../src/grader';
import { COORDINATOR } from './transactions';

/**
 * The resource model: a participant's work for a transaction (done by canCommit) lives in memory
 * until ctx.prepare makes it durable, and a crash loses what was not prepared. A yes vote promises
 * the work will still be there when the decision comes, so it must follow a prepare; and a prepare
 * after a restart is empty unless the work was redone (canCommit again) or prepared before.
 */
export const preparedWork: Checker = {
  name: 'prepared-work',
  translations: {
    'zh-cn': {
      property: '参与者先准备好工作（ctx.prepare）再投赞成票，只准备自己仍持有的工作，中止之后绝不再投赞成票',
    },
  },
  property:
    'a participant prepares its work (ctx.prepare) before it votes yes, prepares only work it still holds, and never votes yes after aborting',
  check({ trace }) {
    /** Work done since each node's last boot, by "node/tx". */
    const held = new Set<string>();
    const prepared = new Map<string, number>();
    /** Each participant's first outcome per transaction: a committed one may answer a late Prepare yes; an aborted one may not. */
    const decided = new Map<string, { outcome: string; time: number }>();
    const lostAt = new Map<NodeId, number>();
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'report' && kind !== 'send' && kind !== 'crash') continue;
      const e = trace.event(i);
      if (e.node === COORDINATOR) continue;
      if (kind === 'crash') {
        for (const key of [...held]) if (key.startsWith(`${e.node}/`)) held.delete(key);
        lostAt.set(e.node, e.time);
        continue;
      }
      const data = (e.data ?? {}) as { event?: unknown; type?: unknown; tx?: unknown; yes?: unknown };
      if (typeof data.tx !== 'string') continue;
      const key = `${e.node}/${data.tx}`;
      if (kind === 'report' && (data.event === 'commit' || data.event === 'abort')) {
        if (!decided.has(key)) decided.set(key, { outcome: data.event, time: e.time });
      } else if (kind === 'report' && data.event === 'canCommit') held.add(key);
      else if (kind === 'report' && data.event === 'prepare' && !held.has(key) && !prepared.has(key)) {
        const crash = lostAt.get(e.node);
        return {
          ok: false,
          explanation: `${e.node} prepared ${data.tx} at ${fmtMs(e.time)} without holding its work: ${crash === undefined ? `it had not called canCommit("${data.tx}")` : `the work canCommit did before its crash at ${fmtMs(crash)} was lost, and it did not call canCommit("${data.tx}") again since`}, so there was nothing to make durable`,
          at: e.time,
          nodes: [e.node],
          events: [i],
        };
      } else if (kind === 'report' && data.event === 'prepare' && !prepared.has(key)) prepared.set(key, i);
      else if (kind === 'send' && data.type === 'Vote' && data.yes === true && decided.get(key)?.outcome === 'abort') {
        return {
          ok: false,
          explanation: `${e.node} voted yes on ${data.tx} at ${fmtMs(e.time)}, though it had aborted ${data.tx} at ${fmtMs(decided.get(key)?.time ?? 0)}: a participant's vote follows its own log — after an abort, every repeated Prepare is answered no`,
          at: e.time,
          nodes: [e.node, COORDINATOR],
          events: [i],
        };
      } else if (
        kind === 'send' &&
        data.type === 'Vote' &&
        data.yes === true &&
        !prepared.has(key) &&
        !decided.has(key)
      ) {
        return {
          ok: false,
          explanation: `${e.node} voted yes on ${data.tx} at ${fmtMs(e.time)} without ctx.prepare("${data.tx}") first: a yes vote promises the work survives a crash, and work that is not prepared is lost in one — prepare it before the vote leaves`,
          at: e.time,
          nodes: [e.node, COORDINATOR],
          events: [i],
        };
      }
    }
    return { ok: true };
  },
};

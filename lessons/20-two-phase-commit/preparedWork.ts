import type { NodeId, TraceEvent } from '../../src/kernel';
import { fill, fmtMs, incrementalCheck, type Checker, type Template, type Verdict } from '../../src/grader';
import { COORDINATOR } from './transactions';

type Act = { node: NodeId; tx: string; time: number };

const preparedNothing: Template<Act & { crash: number | undefined }> = {
  en: ({ node, tx, time, crash }) =>
    `${node} prepared ${tx} at ${fmtMs(time)} without holding its work: ${crash === undefined ? `it had not called canCommit("${tx}")` : `the work canCommit did before its crash at ${fmtMs(crash)} was lost, and it did not call canCommit("${tx}") again since`}, so there was nothing to make durable`,
  'zh-cn': ({ node, tx, time, crash }) =>
    `${node} 在 ${fmtMs(time)} 准备了 ${tx}，手里却没有它的工作：${crash === undefined ? `它没有调用过 canCommit("${tx}")` : `canCommit 在它 ${fmtMs(crash)} 崩溃之前做的工作已经丢了，而它此后没有再调用 canCommit("${tx}")`}，所以没有什么可以持久化`,
};

const yesAfterAbort: Template<Act & { aborted: number }> = {
  en: ({ node, tx, time, aborted }) =>
    `${node} voted yes on ${tx} at ${fmtMs(time)}, though it had aborted ${tx} at ${fmtMs(aborted)}: a participant's vote follows its own log — after an abort, every repeated Prepare is answered no`,
  'zh-cn': ({ node, tx, time, aborted }) =>
    `${node} 在 ${fmtMs(time)} 对 ${tx} 投了赞成票，可它在 ${fmtMs(aborted)} 已经中止了 ${tx}：参与者的投票要依从自己的日志——中止之后，每个重复的 Prepare 都要回答 no`,
};

const yesUnprepared: Template<Act> = {
  en: ({ node, tx, time }) =>
    `${node} voted yes on ${tx} at ${fmtMs(time)} without ctx.prepare("${tx}") first: a yes vote promises the work survives a crash, and work that is not prepared is lost in one — prepare it before the vote leaves`,
  'zh-cn': ({ node, tx, time }) =>
    `${node} 在 ${fmtMs(time)} 对 ${tx} 投了赞成票，之前却没有调用 ctx.prepare("${tx}")：赞成票承诺工作能挺过崩溃，而没有准备的工作一崩溃就丢——要在投票发出之前准备好`,
};

/**
 * The resource model: a participant's work for a transaction (done by canCommit) lives in memory
 * until ctx.prepare makes it durable, and a crash loses what was not prepared. A yes vote promises
 * the work will still be there when the decision comes, so it must follow a prepare; and a prepare
 * after a restart is empty unless the work was redone (canCommit again) or prepared before.
 */
export const preparedWork: Checker = {
  name: 'prepared-work',
  safety: true,
  translations: {
    'zh-cn': {
      property: '参与者先准备好工作（ctx.prepare）再投赞成票，只准备自己仍持有的工作，中止之后绝不再投赞成票',
    },
  },
  property:
    'a participant prepares its work (ctx.prepare) before it votes yes, prepares only work it still holds, and never votes yes after aborting',
  check({ trace }) {
    const seen = beginPreparedWork();
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'report' && kind !== 'send' && kind !== 'crash') continue;
      const verdict = readPreparedWork(seen, trace.event(i));
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ seen: beginPreparedWork(), broken: false }),
    event(checked, e) {
      if (!checked.broken) checked.broken = readPreparedWork(checked.seen, e) !== undefined;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** What preparedWork has read so far. */
interface PreparedWork {
  /** Work done since each node's last boot, by "node/tx". */
  held: Set<string>;
  prepared: Map<string, number>;
  /** Each participant's first outcome per transaction: a committed one may answer a late Prepare yes; an aborted one may not. */
  decided: Map<string, { outcome: string; time: number }>;
  lostAt: Map<NodeId, number>;
}

function beginPreparedWork(): PreparedWork {
  return { held: new Set(), prepared: new Map(), decided: new Map(), lostAt: new Map() };
}

/** Reads one event for preparedWork: the verdict when it breaks the rule. */
function readPreparedWork({ held, prepared, decided, lostAt }: PreparedWork, e: TraceEvent): Verdict | undefined {
  const kind = e.kind;
  const i = e.index;
  if (kind !== 'report' && kind !== 'send' && kind !== 'crash') return undefined;
  if (e.node === COORDINATOR) return undefined;
  if (kind === 'crash') {
    for (const key of [...held]) if (key.startsWith(`${e.node}/`)) held.delete(key);
    lostAt.set(e.node, e.time);
    return undefined;
  }
  const data = (e.data ?? {}) as { event?: unknown; type?: unknown; tx?: unknown; yes?: unknown };
  if (typeof data.tx !== 'string') return undefined;
  const key = `${e.node}/${data.tx}`;
  if (kind === 'report' && (data.event === 'commit' || data.event === 'abort')) {
    if (!decided.has(key)) decided.set(key, { outcome: data.event, time: e.time });
  } else if (kind === 'report' && data.event === 'canCommit') held.add(key);
  else if (kind === 'report' && data.event === 'prepare' && !held.has(key) && !prepared.has(key)) {
    const crash = lostAt.get(e.node);
    return {
      ok: false,
      explanation: fill(preparedNothing, { node: e.node, tx: data.tx, time: e.time, crash }),
      at: e.time,
      nodes: [e.node],
      events: [i],
    };
  } else if (kind === 'report' && data.event === 'prepare' && !prepared.has(key)) prepared.set(key, i);
  else if (kind === 'send' && data.type === 'Vote' && data.yes === true && decided.get(key)?.outcome === 'abort') {
    return {
      ok: false,
      explanation: fill(yesAfterAbort, {
        node: e.node,
        tx: data.tx,
        time: e.time,
        aborted: decided.get(key)?.time ?? 0,
      }),
      at: e.time,
      nodes: [e.node, COORDINATOR],
      events: [i],
    };
  } else if (kind === 'send' && data.type === 'Vote' && data.yes === true && !prepared.has(key) && !decided.has(key)) {
    return {
      ok: false,
      explanation: fill(yesUnprepared, { node: e.node, tx: data.tx, time: e.time }),
      at: e.time,
      nodes: [e.node, COORDINATOR],
      events: [i],
    };
  }
  return undefined;
}

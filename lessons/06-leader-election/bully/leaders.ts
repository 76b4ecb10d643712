import type { NodeId, Trace } from '../../../src/kernel';
import { fmtMs, view, type Checker, type Template, type Verdict } from '../../../src/grader';
import { rank, type BullyState } from './bullyNode';

/**
 * Two leaders for less than this are a handover, not a split: a node that wins tells the old
 * leader with a Victory, which takes one message delay to arrive (at most 10 ms in these runs).
 */
export const HANDOVER_MS = 50;

/** A stretch of time one node believed it led: from the state event that made it leader to the one (or crash) that ended it. */
export interface Leadership {
  node: NodeId;
  from: number;
  /** Infinity while it still leads at the end of the run. */
  until: number;
  /** The trace index of the state event where it began. */
  index: number;
}

export function leaderships(trace: Trace<BullyState>): readonly Leadership[] {
  return view(trace, readLeaderships);
}

function readLeaderships(trace: Trace<BullyState>): Leadership[] {
  const open = new Map<NodeId, Leadership>();
  const all: Leadership[] = [];
  const end = (node: NodeId, time: number): void => {
    const leading = open.get(node);
    if (leading === undefined) return;
    leading.until = time;
    open.delete(node);
  };
  for (const e of trace.events()) {
    if (e.kind === 'crash') end(e.node, e.time);
    else if (e.kind === 'state') {
      const leads = e.data.role === 'leader';
      if (!leads) end(e.node, e.time);
      else if (!open.has(e.node)) {
        const leading: Leadership = { node: e.node, from: e.time, until: Infinity, index: e.index };
        open.set(e.node, leading);
        all.push(leading);
      }
    }
  }
  return all;
}

interface Split {
  first: Leadership;
  second: Leadership;
  from: number;
  until: number;
}

/** What the second leader last heard from the first before it declared itself: the silence it took for death. */
function lastHeard(trace: Trace<BullyState>, split: Split): number | undefined {
  let heard: number | undefined;
  for (const e of trace.ofKind('deliver')) {
    if (e.time > split.second.from) break;
    if (e.node === split.second.node && e.peer === split.first.node) heard = e.time;
  }
  return heard;
}

/** The earliest stretch in which two nodes both led for at least HANDOVER_MS. */
function firstSplit(all: readonly Leadership[], end: number): Split | undefined {
  let found: Split | undefined;
  for (const [i, a] of all.entries()) {
    for (const b of all.slice(i + 1)) {
      const from = Math.max(a.from, b.from);
      const until = Math.min(a.until, b.until, end);
      if (until - from < HANDOVER_MS || (found !== undefined && found.from <= from)) continue;
      found = a.from <= b.from ? { first: a, second: b, from, until } : { first: b, second: a, from, until };
    }
  }
  return found;
}

const SPLIT: Template<Split & { end: number; heard: number | undefined }> = {
  en: ({ first, second, from, until, end, heard }) =>
    `${first.node} and ${second.node} both led from ${fmtMs(from)} to ${until >= end ? `the end of the run (${fmtMs(end)})` : fmtMs(until)}: ${first.node} since ${fmtMs(first.from)}, and ${second.node} declared itself leader at ${fmtMs(second.from)} while ${first.node} still believed it led${heard === undefined ? '' : ` (${second.node} had heard nothing from ${first.node} since ${fmtMs(heard)})`}`,
  'zh-cn': ({ first, second, from, until, end, heard }) =>
    `${first.node} 和 ${second.node} 从 ${fmtMs(from)} 到${until >= end ? `运行结束（${fmtMs(end)}）` : ` ${fmtMs(until)} `}同时是领导者：${first.node} 从 ${fmtMs(first.from)} 起领导，${second.node} 在 ${fmtMs(second.from)} 宣布自己是领导者，而 ${first.node} 仍以为自己在领导${heard === undefined ? '' : `（${second.node} 自 ${fmtMs(heard)} 起就没再收到 ${first.node} 的任何消息）`}`,
};

/** "n5 (12 ms – end), n4 (1468 ms – 2503 ms)": who led, in turn. */
function inTurn(all: readonly Leadership[]): string {
  if (all.length === 0) return 'nobody led';
  const shown = all
    .slice(0, 6)
    .map((l) => `${l.node} (${fmtMs(l.from)} – ${l.until === Infinity ? 'end' : fmtMs(l.until)})`);
  return `leaders in turn: ${shown.join(', ')}${all.length > shown.length ? `, and ${all.length - shown.length} more` : ''}`;
}

/**
 * Bully's safety as its users hope for it: one leader at a time. Bully does not guarantee it (it
 * trusts timeouts), which is what break-bully asks the student to show.
 */
export const oneLeader: Checker<BullyState> = {
  name: 'one-leader',
  property: `at most one node leads at a time (a handover shorter than ${HANDOVER_MS} ms aside)`,
  translations: { 'zh-cn': { property: `任何时刻至多一个节点是领导者（短于 ${HANDOVER_MS} ms 的交接除外）` } },
  check({ trace, duration }): Verdict {
    const all = leaderships(trace);
    const split = firstSplit(all, duration);
    if (split === undefined) return { ok: true, note: inTurn(all) };
    const values = { ...split, end: duration, heard: lastHeard(trace, split) };
    return {
      ok: false,
      explanation: { en: SPLIT.en(values), 'zh-cn': SPLIT['zh-cn'](values) },
      at: split.from,
      nodes: [split.first.node, split.second.node],
      events: [split.first.index, split.second.index],
    };
  },
};

/** What a calm run shows: the highest node leads at the end, and every node takes it for leader. */
export const highestLeads: Checker<BullyState> = {
  name: 'highest-leads',
  property: 'at the end of the run the highest node leads and every node follows it',
  translations: { 'zh-cn': { property: '运行结束时，id 最大的节点是领导者，所有节点都跟随它' } },
  check({ trace, nodes, duration }): Verdict {
    const highest = [...nodes].sort((a, b) => rank(b) - rank(a))[0] as NodeId;
    const last = new Map<NodeId, BullyState>();
    for (const e of trace.ofKind('state')) last.set(e.node, e.data);
    const astray = nodes.find((n) => last.get(n)?.leader !== highest);
    if (astray === undefined) return { ok: true, note: `every node follows ${highest}` };
    const leader = last.get(astray)?.leader ?? null;
    return {
      ok: false,
      explanation: `at the end of the run (${fmtMs(duration)}) ${astray} takes ${leader ?? 'nobody'} for leader, not the highest node ${highest}`,
      at: duration,
      nodes: [astray],
    };
  },
};

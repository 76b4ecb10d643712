import { faultEvents, faultKind, NETWORK, recordedFault, type NodeId, type Trace } from '../../src/kernel';
import { fill, fmtMs, measuredChecker, type Checker, type Template, type Text } from '../../src/grader';
import { reachability, suspicions, type Suspicion } from './suspicions';
import { DETECTION_BOUND_MS, EXCUSED_AFTER_UNREACHABLE_MS, MESSAGES_PER_SECOND_PER_PEER, SETTLE_MS } from './timing';

/**
 * A pair the completeness rule judges: `observer` up and `crashed` down together for at least the
 * bound, the observer not paused within the bound (a paused node handles nothing, timers included).
 */
interface Watch {
  observer: NodeId;
  crashed: NodeId;
  crashedAt: number;
  /**
   * When both held and the crashed node's last words had arrived: the crash, the observer's own
   * restart if that came later, or the arrival of the last message the crashed node sent it, if a
   * slowed network brought one after the crash.
   */
  from: number;
  why: 'crash' | 'restart' | 'late-message';
  /** When either stopped holding: the crashed node's restart, the observer's crash, or the end of the run. */
  until: number;
}

/** When each message arrived, by link (`from/to`), in time order. */
function arrivals(trace: Trace): Map<string, number[]> {
  const byLink = new Map<string, number[]>();
  for (const e of trace.ofKind('deliver')) {
    const link = `${e.peer}/${e.node}`;
    byLink.set(link, [...(byLink.get(link) ?? []), e.time]);
  }
  return byLink;
}

function watches(trace: Trace, nodes: readonly NodeId[], duration: number): Watch[] {
  const { uptimes, pauses } = reachability(trace);
  const delivered = arrivals(trace);
  const out: Watch[] = [];
  for (const down of uptimes) {
    if (down.until === Infinity) continue;
    const back = Math.min(
      duration,
      ...uptimes.filter((u) => u.node === down.node && u.from >= down.until).map((u) => u.from),
    );
    for (const up of uptimes) {
      if (up.node === down.node || !nodes.includes(up.node)) continue;
      // A node that is down sends nothing: what arrives from it before it is back left before the crash.
      const lastWords = Math.max(
        -Infinity,
        ...(delivered.get(`${down.node}/${up.node}`) ?? []).filter((t) => t >= down.until && t < back),
      );
      const from = Math.max(down.until, up.from, lastWords);
      const why =
        from === lastWords && lastWords > Math.max(down.until, up.from)
          ? 'late-message'
          : from === down.until
            ? 'crash'
            : 'restart';
      const until = Math.min(back, up.until, duration);
      if (until - from < DETECTION_BOUND_MS) continue;
      if (pauses.some((p) => p.node === up.node && p.from < from + DETECTION_BOUND_MS && p.until > from)) continue;
      out.push({ observer: up.node, crashed: down.node, crashedAt: down.until, from, why, until });
    }
  }
  return out;
}

/** The suspicion of `w.crashed` by `w.observer` that lasts to the end of the watch, if there is one. */
function lastingSuspicion(all: readonly Suspicion[], w: Watch): Suspicion | undefined {
  return all.find(
    (s) => s.observer === w.observer && s.suspect === w.crashed && s.from <= w.until && s.until >= w.until,
  );
}

/**
 * Completeness: every crash is suspected by every live node, within the bound and for good. The
 * figure is the worst delay over every pair (a live node, a crashed one); a pair that never
 * settles into suspicion counts the whole time it waited. Counted from the crash's last message
 * to arrive, it holds under any schedule, however slow the network was made.
 */
export const completeness: Checker = { ...detectionTime(DETECTION_BOUND_MS, 'at-most'), anySchedule: true };

/** The worst time from a crash to its lasting suspicion, against a limit on either side (a live simulation shows a slow one). */
export function detectionTime(limit: number, bound: 'at-most' | 'at-least'): Checker {
  return measuredChecker({
    name: 'completeness',
    translations: {
      'zh-cn': {
        property: `每个崩溃的节点都被每个在线节点怀疑，${bound === 'at-most' ? `${limit} ms 之内` : `不早于 ${limit} ms`}开始，一直到它重启`,
        figure: '从崩溃到持续怀疑的毫秒数（最差的一对节点）',
      },
    },
    property: `every node that crashes is suspected by every node that is up, ${bound === 'at-most' ? 'within' : 'no sooner than'} ${limit} ms and until it restarts`,
    figure: 'ms from a crash to its lasting suspicion (worst pair)',
    limit,
    bound,
    digits: 0,
    measure({ trace, nodes, duration }) {
      const all = suspicions(trace);
      let worst: { value: number; detail: Text; at: number; nodes: NodeId[]; events?: number[] } | undefined;
      for (const w of watches(trace, nodes, duration)) {
        const s = lastingSuspicion(all, w);
        const value = s === undefined ? w.until - w.from : Math.max(0, s.from - w.from);
        if (worst !== undefined && value <= worst.value) continue;
        const trustedMeanwhile = all.find(
          (t) =>
            t.observer === w.observer &&
            t.suspect === w.crashed &&
            t.ended === 'trusted' &&
            t.until > w.from &&
            t.until < w.until,
        );
        worst = {
          value,
          detail: fill(slowDetection, { w, suspectedFrom: s?.from, trustedAgain: trustedMeanwhile?.until }),
          at: w.from + DETECTION_BOUND_MS,
          nodes: [w.observer, w.crashed],
          events: s ? [s.index] : undefined,
        };
      }
      return worst;
    },
  });
}

const slowDetection: Template<{ w: Watch; suspectedFrom: number | undefined; trustedAgain: number | undefined }> = {
  en: ({ w, suspectedFrom, trustedAgain }) =>
    (w.why === 'crash'
      ? `${w.crashed} crashed at ${fmtMs(w.crashedAt)}`
      : w.why === 'restart'
        ? `${w.observer} restarted at ${fmtMs(w.from)} while ${w.crashed} was down (since ${fmtMs(w.crashedAt)})`
        : `${w.crashed} crashed at ${fmtMs(w.crashedAt)} and its last message reached ${w.observer} at ${fmtMs(w.from)}`) +
    (suspectedFrom === undefined
      ? `, and ${w.observer} did not suspect it for good by ${fmtMs(w.until)}${trustedAgain !== undefined ? ` (it trusted it again at ${fmtMs(trustedAgain)} though it was still down)` : ''}`
      : `, and ${w.observer} suspected it for good only at ${fmtMs(suspectedFrom)}${trustedAgain !== undefined ? ` (it had trusted it again at ${fmtMs(trustedAgain)} though it was still down)` : ''}`),
  'zh-cn': ({ w, suspectedFrom, trustedAgain }) =>
    (w.why === 'crash'
      ? `${w.crashed} 在 ${fmtMs(w.crashedAt)} 崩溃`
      : w.why === 'restart'
        ? `${w.observer} 在 ${fmtMs(w.from)} 重启，那时 ${w.crashed} 已经宕机（从 ${fmtMs(w.crashedAt)} 起）`
        : `${w.crashed} 在 ${fmtMs(w.crashedAt)} 崩溃，它的最后一条消息在 ${fmtMs(w.from)} 才到达 ${w.observer}`) +
    (suspectedFrom === undefined
      ? `，而到 ${fmtMs(w.until)} ${w.observer} 都没有持续怀疑它${trustedAgain !== undefined ? `（它在 ${fmtMs(trustedAgain)} 又信任了它，尽管它仍未恢复）` : ''}`
      : `，而 ${w.observer} 直到 ${fmtMs(suspectedFrom)} 才开始持续怀疑它${trustedAgain !== undefined ? `（此前它在 ${fmtMs(trustedAgain)} 又信任了它，尽管它仍未恢复）` : ''}`),
};

const falseSuspicion: Template<{ first: Suspicion; faults: string[] }> = {
  en: ({ first, faults }) =>
    `first, ${first.observer} suspected ${first.suspect} at ${fmtMs(first.from)} though ${first.suspect} was up and its messages could reach ${first.observer} all through the ${EXCUSED_AFTER_UNREACHABLE_MS} ms before${faults.length > 0 ? ` (meanwhile: ${faults.join('; ')})` : ''}: slow is not dead`,
  'zh-cn': ({ first, faults }) =>
    `第一次是 ${first.observer} 在 ${fmtMs(first.from)} 怀疑了 ${first.suspect}，可 ${first.suspect} 当时在线，而且此前整整 ${EXCUSED_AFTER_UNREACHABLE_MS} ms 里它的消息都能到达 ${first.observer}${faults.length > 0 ? `（期间发生了：${faults.join('；')}）` : ''}：慢不等于死`,
};

const suspectedAfterHeal: Template<{ s: Suspicion; at: number; quietSince: number; calmFrom: number }> = {
  en: ({ s, at, quietSince, calmFrom }) =>
    `${s.observer} suspected ${s.suspect} at ${fmtMs(at)}, ${fmtMs(at - quietSince)} after the last fault ended (at ${fmtMs(quietSince)}), though ${s.suspect} was up and reachable${s.from < calmFrom ? ` (it began suspecting it at ${fmtMs(s.from)})` : ''}: once the faults are over, a node heard from again is trusted again`,
  'zh-cn': ({ s, at, quietSince, calmFrom }) =>
    `${s.observer} 在 ${fmtMs(at)} 仍怀疑 ${s.suspect}，这时最后一次故障已经结束（${fmtMs(quietSince)}）${fmtMs(at - quietSince)}，而 ${s.suspect} 在线且可达${s.from < calmFrom ? `（它从 ${fmtMs(s.from)} 开始怀疑）` : ''}：故障过去之后，重新收到消息的节点要重新被信任`,
};

/** The faults that struck `nodes` or the network between two times, in words with their times. */
function faultsBetween(trace: Trace, nodes: readonly NodeId[], from: number, to: number): string[] {
  const kinds = new Set<string>(faultEvents);
  const out: string[] = [];
  for (const e of trace.events()) {
    if (e.time > to) break;
    if (e.time < from || !kinds.has(e.kind)) continue;
    const fault = recordedFault(e);
    if (fault === undefined) continue;
    const lane = faultKind(fault).window(fault, e.time).lane;
    if (lane === NETWORK || nodes.includes(lane)) out.push(`${faultKind(fault).describe(fault)} at ${fmtMs(e.time)}`);
  }
  return out;
}

/**
 * A suspicion is false when the suspect was up and its messages could reach the suspecting node
 * all through the time before: slowness within the contract (a pause, a delay spike, lost
 * messages) does not excuse it.
 */
function isFalse(trace: Trace, s: Suspicion): boolean {
  const { uptimes, silences } = reachability(trace);
  const up = uptimes.some((u) => u.node === s.suspect && u.from <= s.from && u.until > s.from);
  if (!up) return false;
  return !silences.some(
    (q) =>
      q.from === s.suspect &&
      q.to === s.observer &&
      q.start <= s.from &&
      q.end >= s.from - EXCUSED_AFTER_UNREACHABLE_MS,
  );
}

/**
 * Accuracy, counted: suspicions of a node that was up and reachable, against a limit the scenario
 * sets (none where the network only slows down within the contract).
 */
export const falseSuspicions = (limit: number, bound: 'at-most' | 'at-least' = 'at-most'): Checker =>
  measuredChecker({
    name: 'false-suspicions',
    translations: {
      'zh-cn': {
        property:
          bound === 'at-least'
            ? `在线且可达、只是慢的节点，每次运行至少被怀疑 ${limit} 次`
            : `在线且可达、只是慢（停顿或延迟不超过契约的上限）的节点，${limit === 0 ? '从不被怀疑' : `每次运行至多被怀疑 ${limit} 次`}`,
        figure: '误判的怀疑次数',
      },
    },
    property:
      bound === 'at-least'
        ? `a node that is up and reachable, only slow, is suspected at least ${limit} times in a run`
        : `a node that is up and reachable, only slow (paused or delayed up to the contract's bound), is suspected ${limit === 0 ? 'never' : `at most ${limit} times in a run`}`,
    figure: 'false suspicions',
    limit,
    bound,
    digits: 0,
    measure({ trace }) {
      const wrong = suspicions(trace).filter((s) => isFalse(trace, s));
      const first = wrong[0];
      if (first === undefined) return { value: 0, detail: { en: 'no false suspicion', 'zh-cn': '没有误判的怀疑' } };
      const from = first.from - EXCUSED_AFTER_UNREACHABLE_MS;
      const faults = faultsBetween(trace, [first.observer, first.suspect], Math.max(0, from), first.from);
      return {
        value: wrong.length,
        detail: fill(falseSuspicion, { first, faults }),
        at: first.from,
        nodes: [first.observer, first.suspect],
        events: [first.index],
      };
    },
  });

/**
 * Eventual strong accuracy: once the faults are over, every node trusts every node that is up and
 * can reach it, including one it suspected across a partition or while it was down. Counted from
 * the last fault's end, it holds under any schedule: one that never ends asks nothing.
 */
export const accuracyAfterHeal: Checker = {
  name: 'accuracy-after-heal',
  anySchedule: true,
  translations: {
    'zh-cn': { property: `最后一次故障结束 ${SETTLE_MS} ms 之后，没有节点怀疑一个在线、消息也能到达它的节点` },
  },
  property: `${SETTLE_MS} ms after the last fault ends, no node suspects a node that is up and whose messages reach it`,
  check({ trace, duration }) {
    const { uptimes, silences, quietSince } = reachability(trace);
    const calmFrom = quietSince + SETTLE_MS;
    if (calmFrom >= duration) return { ok: true };
    for (const s of suspicions(trace)) {
      if (s.until <= calmFrom) continue;
      const at = Math.max(s.from, calmFrom);
      if (!uptimes.some((u) => u.node === s.suspect && u.from <= at && u.until > at)) continue;
      // A partition never healed keeps the suspect unheard: suspecting it is right.
      if (silences.some((q) => q.from === s.suspect && q.to === s.observer && q.start <= at && q.end > at)) continue;
      return {
        ok: false,
        explanation: fill(suspectedAfterHeal, { s, at, quietSince, calmFrom }),
        at,
        nodes: [s.observer, s.suspect],
        events: [s.index],
      };
    }
    return { ok: true };
  },
};

/** Efficiency: watching a node costs a few messages a second, not a flood. */
export const efficiency: Checker = measuredChecker({
  name: 'efficiency',
  translations: {
    'zh-cn': {
      property: `每个节点为它监视的每个节点每秒至多发送 ${MESSAGES_PER_SECOND_PER_PEER} 条消息`,
      figure: '每秒为每个被监视节点发送的消息数（最忙的节点）',
    },
  },
  property: `each node sends at most ${MESSAGES_PER_SECOND_PER_PEER} messages per second for each node it watches`,
  figure: 'messages per second per watched node (busiest node)',
  limit: MESSAGES_PER_SECOND_PER_PEER,
  bound: 'at-most',
  measure({ trace, nodes, duration }) {
    const sent = new Map<NodeId, number>(nodes.map((n) => [n, 0]));
    for (const e of trace.ofKind('send')) {
      if (e.peer !== undefined && nodes.includes(e.peer)) sent.set(e.node, (sent.get(e.node) ?? 0) + 1);
    }
    const [busiest, count] = [...sent].reduce((a, b) => (b[1] > a[1] ? b : a));
    const seconds = duration / 1000;
    const peers = nodes.length - 1;
    return {
      value: count / seconds / peers,
      detail: {
        en: `${busiest} sent ${count} messages to its ${peers} peers between 0 ms and ${fmtMs(duration)}`,
        'zh-cn': `${busiest} 在 0 ms 到 ${fmtMs(duration)} 之间向它的 ${peers} 个对端发了 ${count} 条消息`,
      },
      at: duration,
      nodes: [busiest],
    };
  },
});

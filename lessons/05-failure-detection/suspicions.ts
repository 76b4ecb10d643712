import { faultEvents, type NodeId, type Trace } from '../../src/kernel';
import { ClusterTimeline, nodesOf, view } from '../../src/grader';

/** A stretch of time one node suspected another: from its `suspect` call to its `trust` call or its crash. */
export interface Suspicion {
  observer: NodeId;
  suspect: NodeId;
  from: number;
  /** Infinity while it lasts to the end of the run. */
  until: number;
  /** The report event that began it. */
  index: number;
  /** How it ended: the observer trusted the suspect again, the observer crashed, or not at all. */
  ended: 'trusted' | 'crashed' | 'no';
}

/** Every suspicion of the run, in the order they began. */
export function suspicions(trace: Trace): readonly Suspicion[] {
  return view(trace, readSuspicions);
}

function readSuspicions(trace: Trace): Suspicion[] {
  const all: Suspicion[] = [];
  const open = new Map<string, Suspicion>();
  const close = (s: Suspicion, at: number, ended: Suspicion['ended']): void => {
    s.until = at;
    s.ended = ended;
    open.delete(`${s.observer}/${s.suspect}`);
  };
  for (const e of trace.events()) {
    if (e.kind === 'crash') {
      for (const s of [...open.values()]) if (s.observer === e.node) close(s, e.time, 'crashed');
    } else if (e.kind === 'report') {
      const { suspect, trust } = e.data as { suspect?: NodeId; trust?: NodeId };
      if (suspect !== undefined) {
        const s: Suspicion = { observer: e.node, suspect, from: e.time, until: Infinity, index: e.index, ended: 'no' };
        all.push(s);
        open.set(`${e.node}/${suspect}`, s);
      } else if (trust !== undefined) {
        const s = open.get(`${e.node}/${trust}`);
        if (s !== undefined) close(s, e.time, 'trusted');
      }
    }
  }
  return all;
}

/** A stretch of time a node was up, from its start or restart to its crash (Infinity if it never crashed again). */
export interface Uptime {
  node: NodeId;
  from: number;
  until: number;
}

/** A stretch of time messages from `from` could not reach `to`: `from` was down, or a partition cut the link. */
export interface Silence {
  from: NodeId;
  to: NodeId;
  start: number;
  /** Infinity while it lasts to the end of the run. */
  end: number;
  why: string;
}

/** A stretch of time a node was paused: up, handling nothing. */
export interface Pause {
  node: NodeId;
  from: number;
  until: number;
}

/** Who was up when, and which links were silent when, replayed from the trace's faults. */
export interface Reachability {
  uptimes: readonly Uptime[];
  silences: readonly Silence[];
  pauses: readonly Pause[];
  /**
   * When the last fault of the run ended (0 if there was none). A crash of a node that never
   * comes back does not count: the rest of the run is a cluster without it, and nothing about
   * the nodes that are up changes.
   */
  quietSince: number;
}

export function reachability(trace: Trace): Reachability {
  return view(trace, readReachability);
}

function readReachability(trace: Trace): Reachability {
  const timeline = new ClusterTimeline(trace);
  const nodes = nodesOf(trace);
  const uptimes: Uptime[] = [];
  const silences: Silence[] = [];
  const upSince = new Map<NodeId, number>(nodes.map((n) => [n, 0]));
  const silentSince = new Map<string, Silence>();
  const update = (): void => {
    const now = timeline.time;
    for (const n of nodes) {
      const since = upSince.get(n);
      if (timeline.up(n) && since === undefined) upSince.set(n, now);
      if (!timeline.up(n) && since !== undefined) {
        uptimes.push({ node: n, from: since, until: now });
        upSince.delete(n);
      }
    }
    for (const from of nodes) {
      for (const to of nodes) {
        if (from === to) continue;
        const key = `${from}/${to}`;
        const why = !timeline.up(from)
          ? `${from} was down`
          : !timeline.reaches(from, to)
            ? 'a partition cut the link'
            : undefined;
        const current = silentSince.get(key);
        if (why !== undefined && current === undefined) {
          const s: Silence = { from, to, start: now, end: Infinity, why };
          silences.push(s);
          silentSince.set(key, s);
        } else if (why === undefined && current !== undefined) {
          current.end = now;
          silentSince.delete(key);
        }
      }
    }
  };
  while (timeline.step()) update();
  for (const [node, from] of upSince) uptimes.push({ node, from, until: Infinity });
  const pauses = timeline.periods
    .filter((p) => p.effect === 'paused')
    .map((p) => ({ node: p.lane, from: p.from, until: p.until }));
  return { uptimes, silences, pauses, quietSince: quietSince(trace, timeline, uptimes) };
}

function quietSince(trace: Trace, timeline: ClusterTimeline, uptimes: readonly Uptime[]): number {
  const downForGood = new Map(
    nodesOf(trace).map((n) => [n, Math.max(...uptimes.filter((u) => u.node === n).map((u) => u.until))]),
  );
  const kinds = new Set<string>(faultEvents);
  let quiet = 0;
  for (const e of trace.events()) {
    if (!kinds.has(e.kind)) continue;
    if (e.kind === 'crash' && downForGood.get(e.node) === e.time) continue;
    quiet = Math.max(quiet, e.time);
  }
  for (const p of timeline.periods) if (p.until !== Infinity) quiet = Math.max(quiet, p.until);
  return quiet;
}

import { CLIENT, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
import { view } from '../../src/grader';

/** One entry into the critical section, as the trace has it. */
export interface Entry {
  node: NodeId;
  /** The trace index and time of `enter()`. */
  index: number;
  time: number;
  /** When the node left: `exit()` or a crash; undefined while it is still inside at the end. */
  left?: { time: number; index: number; how: 'exit' | 'crash' };
  /** The timestamp of the last Request the node sent in this boot before entering. */
  requestTs?: unknown;
}

/** What one node did in one boot (between two crashes). */
export interface Boot {
  node: NodeId;
  /** Index and time of the boot's start (0 for the first). */
  time: number;
  /** In the order they arrived, with the time each asked to stay inside. */
  wants: Array<{ index: number; time: number; holdMs: unknown }>;
  entries: Entry[];
  /** The last Request's timestamp, and which peers replied with that timestamp since. */
  lastRequest?: { ts: unknown; time: number; repliedBy: Set<NodeId> };
  /** The crash that ended it, if one did. */
  crashedAt?: number;
}

/** Everything the mutual-exclusion checkers read: entries in trace order, boots per node, traffic between nodes. */
export interface SectionHistory {
  entries: Entry[];
  boots: Map<NodeId, Boot[]>;
  /** Messages nodes sent each other, by sender and type. */
  sentByNode: Map<NodeId, Map<string, number>>;
  messagesBetweenNodes: number;
}

export function sectionHistory(trace: Trace): SectionHistory {
  return view(trace, readSectionHistory);
}

function readSectionHistory(trace: Trace): SectionHistory {
  const entries: Entry[] = [];
  const boots = new Map<NodeId, Boot[]>();
  const sentByNode = new Map<NodeId, Map<string, number>>();
  let messagesBetweenNodes = 0;
  const current = (node: NodeId): Boot => {
    let list = boots.get(node);
    if (list === undefined) boots.set(node, (list = [{ node, time: 0, wants: [], entries: [] }]));
    return list[list.length - 1] as Boot;
  };
  const inside = (node: NodeId): Entry | undefined => {
    const last = current(node).entries.at(-1);
    return last !== undefined && last.left === undefined ? last : undefined;
  };
  for (const e of trace.events()) {
    if (e.node === CLIENT) continue;
    switch (e.kind) {
      case 'deliver': {
        const boot = current(e.node);
        if (e.peer === CLIENT && e.data.type === 'want')
          boot.wants.push({ index: e.index, time: e.time, holdMs: e.data.holdMs });
        else if (e.data.type === 'Reply' && e.peer !== undefined) {
          const request = boot.lastRequest;
          if (request !== undefined && request.ts === e.data.ts) request.repliedBy.add(e.peer);
        }
        break;
      }
      case 'send': {
        if (e.peer === undefined || e.peer === CLIENT) break;
        messagesBetweenNodes++;
        const byType = sentByNode.get(e.node) ?? new Map<string, number>();
        byType.set(e.data.type, (byType.get(e.data.type) ?? 0) + 1);
        sentByNode.set(e.node, byType);
        if (isRequest(e) && current(e.node).lastRequest?.ts !== e.data.ts)
          current(e.node).lastRequest = { ts: e.data.ts, time: e.time, repliedBy: new Set() };
        break;
      }
      case 'report': {
        const boot = current(e.node);
        if (e.data.event === 'enter') {
          const entry: Entry = { node: e.node, index: e.index, time: e.time, requestTs: boot.lastRequest?.ts };
          boot.entries.push(entry);
          entries.push(entry);
        } else if (e.data.event === 'exit') {
          const entry = inside(e.node);
          if (entry !== undefined) entry.left = { time: e.time, index: e.index, how: 'exit' };
        }
        break;
      }
      case 'crash': {
        const entry = inside(e.node);
        if (entry !== undefined) entry.left = { time: e.time, index: e.index, how: 'crash' };
        current(e.node).crashedAt = e.time;
        break;
      }
      case 'restart':
        current(e.node);
        boots.get(e.node)?.push({ node: e.node, time: e.time, wants: [], entries: [] });
        break;
      default:
    }
  }
  return { entries, boots, sentByNode, messagesBetweenNodes };
}

/** A node's Request to another node: what starts its wait, with the timestamp its entry will carry. */
export function isRequest(e: TraceEvent<EventKind>): e is TraceEvent<'send'> {
  return (
    e.kind === 'send' && e.node !== CLIENT && e.peer !== undefined && e.peer !== CLIENT && e.data.type === 'Request'
  );
}

/** What one event is to the critical section: a node's entry, its leaving (an exit or a crash), or its restart. */
export function sectionStep(e: TraceEvent<EventKind>): 'enter' | 'exit' | 'crash' | 'restart' | undefined {
  if (e.node === CLIENT) return undefined;
  if (e.kind === 'report' && (e.data.event === 'enter' || e.data.event === 'exit')) return e.data.event;
  return e.kind === 'crash' || e.kind === 'restart' ? e.kind : undefined;
}

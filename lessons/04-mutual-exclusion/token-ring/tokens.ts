import { CLIENT, type NodeId, type Trace } from '../../../src/kernel';
import { view } from '../../../src/grader';

/** A token a node made rather than received: the first of its generation, or a second one. */
export interface Creation {
  node: NodeId;
  generation: unknown;
  index: number;
  time: number;
}

/** A node using a token: passing it on, or entering while holding it. */
export interface TokenUse {
  node: NodeId;
  what: 'passed' | 'entered';
  generation: unknown;
  index: number;
  time: number;
  /** The highest generation the node had received or made by then, in any boot, and when it first had it. */
  newest: { generation: number; time: number } | undefined;
}

/** When the token last reached each node, for a liveness explanation. */
export interface TokenHistory {
  creations: Creation[];
  uses: TokenUse[];
  /** An entry made while the node held no token. */
  entriesWithoutToken: Array<{ node: NodeId; index: number; time: number; passedAt?: number }>;
  lastReached: Map<NodeId, number>;
}

export function tokenHistory(trace: Trace): TokenHistory {
  return view(trace, readTokenHistory);
}

function readTokenHistory(trace: Trace): TokenHistory {
  const creations: Creation[] = [];
  const uses: TokenUse[] = [];
  const entriesWithoutToken: TokenHistory['entriesWithoutToken'] = [];
  const lastReached = new Map<NodeId, number>();
  /** The generations a node holds now: received in this boot and not yet passed on. */
  const held = new Map<NodeId, Set<unknown>>();
  const holding = (node: NodeId): Set<unknown> => {
    let set = held.get(node);
    if (set === undefined) held.set(node, (set = new Set()));
    return set;
  };
  const lastPassed = new Map<NodeId, number>();
  const newest = new Map<NodeId, { generation: number; time: number }>();
  const saw = (node: NodeId, generation: unknown, time: number): void => {
    const known = newest.get(node);
    if (typeof generation === 'number' && (known === undefined || generation > known.generation))
      newest.set(node, { generation, time });
  };
  for (const e of trace.events()) {
    if (e.node === CLIENT) continue;
    if (e.kind === 'crash') held.delete(e.node);
    else if (e.kind === 'deliver' && e.data.type === 'Token') {
      holding(e.node).add(e.data.generation);
      lastReached.set(e.node, e.time);
      saw(e.node, e.data.generation, e.time);
    } else if (e.kind === 'send' && e.data.type === 'Token' && e.peer !== CLIENT) {
      const generation = e.data.generation;
      const tokens = holding(e.node);
      if (!tokens.has(generation)) creations.push({ node: e.node, generation, index: e.index, time: e.time });
      else
        uses.push({
          node: e.node,
          what: 'passed',
          generation,
          index: e.index,
          time: e.time,
          newest: newest.get(e.node),
        });
      saw(e.node, generation, e.time);
      // Passing a token on gives up every older one the node held: it had to drop them.
      for (const g of [...tokens])
        if (typeof g !== 'number' || typeof generation !== 'number' || g <= generation) tokens.delete(g);
      lastPassed.set(e.node, e.time);
    } else if (e.kind === 'report' && e.data.event === 'enter') {
      const tokens = [...holding(e.node)];
      if (tokens.length === 0) {
        entriesWithoutToken.push({ node: e.node, index: e.index, time: e.time, passedAt: lastPassed.get(e.node) });
        continue;
      }
      const generation = tokens.every((g) => typeof g === 'number') ? Math.max(...tokens) : tokens[0];
      uses.push({
        node: e.node,
        what: 'entered',
        generation,
        index: e.index,
        time: e.time,
        newest: newest.get(e.node),
      });
    }
  }
  return { creations, uses, entriesWithoutToken, lastReached };
}

import { CLIENT, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../../src/kernel';
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
  const reader = beginTokens();
  const creations: Creation[] = [];
  const uses: TokenUse[] = [];
  const entriesWithoutToken: TokenHistory['entriesWithoutToken'] = [];
  const lastReached = new Map<NodeId, number>();
  for (const e of trace.events()) {
    const step = readTokenEvent(reader, e);
    if (step?.kind === 'reached') lastReached.set(step.node, step.time);
    else if (step?.kind === 'made') creations.push(step.creation);
    else if (step?.kind === 'used') uses.push(step.use);
    else if (step?.kind === 'entered-without') entriesWithoutToken.push(step.entry);
  }
  return { creations, uses, entriesWithoutToken, lastReached };
}

/**
 * The tokens read one event at a time, as plain data: the generations each node holds now
 * (received in this boot and not yet passed on), when it last passed one on, and the newest
 * generation it has received or made, in any boot, with when it first had it.
 */
export interface TokenReader {
  held: Map<NodeId, Set<unknown>>;
  lastPassed: Map<NodeId, number>;
  newest: Map<NodeId, Readonly<{ generation: number; time: number }>>;
}

export function beginTokens(): TokenReader {
  return { held: new Map(), lastPassed: new Map(), newest: new Map() };
}

/** What one event is to the tokens. */
export type TokenStep =
  | { kind: 'reached'; node: NodeId; time: number }
  | { kind: 'made'; creation: Creation }
  | { kind: 'used'; use: TokenUse }
  | { kind: 'entered-without'; entry: TokenHistory['entriesWithoutToken'][number] };

/** Reads one event into the reader: what it is to the tokens, if anything. */
export function readTokenEvent(reader: TokenReader, e: TraceEvent<EventKind>): TokenStep | undefined {
  const { held, lastPassed, newest } = reader;
  const holding = (node: NodeId): Set<unknown> => {
    let set = held.get(node);
    if (set === undefined) held.set(node, (set = new Set()));
    return set;
  };
  const saw = (node: NodeId, generation: unknown, time: number): void => {
    const known = newest.get(node);
    if (typeof generation === 'number' && (known === undefined || generation > known.generation))
      newest.set(node, Object.freeze({ generation, time }));
  };
  if (e.node === CLIENT) return undefined;
  if (e.kind === 'crash') held.delete(e.node);
  else if (e.kind === 'deliver' && e.data.type === 'Token') {
    holding(e.node).add(e.data.generation);
    saw(e.node, e.data.generation, e.time);
    return { kind: 'reached', node: e.node, time: e.time };
  } else if (e.kind === 'send' && e.data.type === 'Token' && e.peer !== CLIENT) {
    const generation = e.data.generation;
    const tokens = holding(e.node);
    const step: TokenStep = !tokens.has(generation)
      ? { kind: 'made', creation: { node: e.node, generation, index: e.index, time: e.time } }
      : {
          kind: 'used',
          use: { node: e.node, what: 'passed', generation, index: e.index, time: e.time, newest: newest.get(e.node) },
        };
    saw(e.node, generation, e.time);
    // Passing a token on gives up every older one the node held: it had to drop them.
    for (const g of [...tokens])
      if (typeof g !== 'number' || typeof generation !== 'number' || g <= generation) tokens.delete(g);
    lastPassed.set(e.node, e.time);
    return step;
  } else if (e.kind === 'report' && e.data.event === 'enter') {
    const tokens = [...holding(e.node)];
    if (tokens.length === 0)
      return {
        kind: 'entered-without',
        entry: { node: e.node, index: e.index, time: e.time, passedAt: lastPassed.get(e.node) },
      };
    const generation = tokens.every((g) => typeof g === 'number') ? Math.max(...tokens) : tokens[0];
    return {
      kind: 'used',
      use: { node: e.node, what: 'entered', generation, index: e.index, time: e.time, newest: newest.get(e.node) },
    };
  }
  return undefined;
}

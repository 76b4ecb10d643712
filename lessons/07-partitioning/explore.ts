import type { AnyMessage, ClientRequest, NodeId } from '../../src/kernel';
import { PROBE_KEYS } from './workload';

/**
 * What `distsys explore` sends, each request once, in any order the search chooses: a membership
 * of every node and a newer one where the second node has left (so a member that stays changes
 * place in the list), both to the first node, the older one to the second too, and a lookup of every probe key to each of those two. A newer membership can
 * arrive before the older one, a crash can fall between a membership and a lookup, and two members
 * can answer from the same or from consecutive memberships.
 */
export function exploreWorkload(nodes: readonly NodeId[]): ClientRequest[] {
  const [first, second] = nodes as [NodeId, NodeId];
  const lookup = (id: number): AnyMessage => ({ type: 'lookup', id, keys: PROBE_KEYS });
  const all = { type: 'members', version: 1, members: [...nodes] };
  const secondLeft = { type: 'members', version: 2, members: nodes.filter((n) => n !== second) };
  return [
    { at: 0, to: first, msg: all },
    { at: 0, to: first, msg: secondLeft },
    { at: 0, to: second, msg: all },
    { at: 0, to: first, msg: lookup(1) },
    { at: 0, to: second, msg: lookup(2) },
  ];
}

import type { Fault, FaultSchedule, NodeId, Random } from '../../src/kernel';

/**
 * One fault per node, fired right after that node's `rounds`-th round of AppendEntries. Only a
 * leader sends AppendEntries, so each fault strikes whichever node has led for a while, without
 * knowing in advance who wins the election. Each node is struck at most once.
 */
export function onEachLeader(nodes: readonly NodeId[], rounds: number, make: (leader: NodeId) => Fault): FaultSchedule {
  return nodes.map((node) => ({
    ...make(node),
    afterSend: { node, type: 'AppendEntries', count: rounds * (nodes.length - 1) },
  }));
}

/** The same fault for every node at one time (restarting a node that is up does nothing). */
export function forEveryNode(nodes: readonly NodeId[], at: number, make: (node: NodeId) => Fault): FaultSchedule {
  return nodes.map((node) => ({ ...make(node), at }));
}

/** `count` distinct nodes, drawn from the scenario's stream. */
export function pickNodes(nodes: readonly NodeId[], count: number, rng: Random): NodeId[] {
  const pool = [...nodes];
  const picked: NodeId[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(rng.int(pool.length), 1)[0] as NodeId);
  return picked;
}

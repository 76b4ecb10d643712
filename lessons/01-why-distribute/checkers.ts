import { CLIENT } from '../../src/kernel';
import { fmtMs, handlerRuns, type Checker } from '../../src/grader';
import { between, idHistory } from './replies';

/** The longest ID the client accepts (the contract's limit). */
export const MAX_ID_LENGTH = 64;

/** The contract fixes the reply's shape: the client stores IDs as short strings and matches replies to requests. */
export const idShape: Checker = {
  name: 'id-shape',
  property: `every generate_ok carries the request's msgId as inReplyTo and an id that is a string of 1 to ${MAX_ID_LENGTH} characters`,
  check({ trace }) {
    for (const { node, time, index, msg } of idHistory(trace).replies) {
      const problem =
        typeof msg.inReplyTo !== 'number'
          ? `inReplyTo ${JSON.stringify(msg.inReplyTo)}, not the msgId of a request`
          : typeof msg.id !== 'string'
            ? `id ${JSON.stringify(msg.id)}, which is not a string`
            : msg.id.length === 0 || msg.id.length > MAX_ID_LENGTH
              ? `an id of ${msg.id.length} characters`
              : undefined;
      if (problem === undefined) continue;
      return {
        ok: false,
        explanation: `${node} sent generate_ok at ${fmtMs(time)} with ${problem}: a reply carries inReplyTo (the request's msgId) and an id that is a string of 1 to ${MAX_ID_LENGTH} characters`,
        at: time,
        nodes: [node],
        events: [index],
      };
    }
    return { ok: true };
  },
};

/**
 * The point of the exercise: no ID is handed out for two requests, by two nodes or by one node
 * twice, before and after a restart or a clock step. Every reply that left a node counts,
 * delivered or not: the client may have received it.
 */
export const uniqueIds: Checker = {
  name: 'unique-ids',
  property: 'no two requests get the same id, across nodes, restarts and clock steps',
  check({ trace }) {
    const history = idHistory(trace);
    const first = new Map<string, (typeof history.replies)[number]>();
    for (const reply of history.replies) {
      const id = reply.msg.id;
      if (typeof id !== 'string') continue;
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, reply);
        continue;
      }
      // The same ID sent again for the same request (a repeated reply) gives the client nothing new.
      if (earlier.msg.inReplyTo === reply.msg.inReplyTo) continue;
      const who = earlier.node === reply.node ? `${reply.node} handed it out again` : `${reply.node} handed it out too`;
      // What befell the node between its two replies; two nodes' IDs collide whatever happened.
      const meanwhile = earlier.node === reply.node ? between(history, reply.node, earlier.index, reply.index) : [];
      return {
        ok: false,
        explanation: `ID ${JSON.stringify(id)} given twice: ${earlier.node} handed it out at ${fmtMs(earlier.time)} (request ${String(earlier.msg.inReplyTo)}), and ${who} at ${fmtMs(reply.time)} (request ${String(reply.msg.inReplyTo)})${meanwhile.length > 0 ? `; in between, ${meanwhile.join(', ')}` : ''}`,
        at: reply.time,
        nodes: [...new Set([earlier.node, reply.node])],
        events: [earlier.index, reply.index],
      };
    }
    return { ok: true };
  },
};

/**
 * Total availability: a node that receives a request answers it in the handler that receives it,
 * from what it holds, even when it can reach no other node. A handler cut short by a crash owes nothing.
 */
export const totalAvailability: Checker = {
  name: 'total-availability',
  property: 'every generate a live node receives is answered in the handler that receives it, partitions or not',
  check({ trace }) {
    for (const { node, time, index, request, sends } of handlerRuns(trace)) {
      if (request?.from !== CLIENT || request.msg.type !== 'generate') continue;
      const msgId = request.msg.msgId;
      if (sends.some((s) => s.to === CLIENT && s.msg.type === 'generate_ok' && s.msg.inReplyTo === msgId)) continue;
      const toPeers = [...new Set(sends.filter((s) => s.to !== CLIENT).map((s) => `${s.msg.type} to ${s.to}`))];
      return {
        ok: false,
        explanation: `${node} received generate ${String(msgId)} at ${fmtMs(time)} and did not answer it in that handler${toPeers.length > 0 ? ` (it sent ${toPeers.join(', ')})` : ''}: a node answers every request at once, from what it holds, without waiting for another node`,
        at: time,
        nodes: [node],
        events: [index],
      };
    }
    return { ok: true };
  },
};

/** Efficiency: a node has all it needs (its own name, its own disk), so nodes send each other nothing. */
export const coordinationFree: Checker = {
  name: 'coordination-free',
  property: 'nodes send no messages to each other: an ID needs no coordination',
  check({ trace, nodes }) {
    for (const e of trace.ofKind('send')) {
      if (e.peer === undefined || !nodes.includes(e.node) || !nodes.includes(e.peer)) continue;
      return {
        ok: false,
        explanation: `${e.node} sent ${e.data.type} to ${e.peer} at ${fmtMs(e.time)}: handing out IDs needs no messages between nodes; each message costs a round trip per ID and stalls in a partition`,
        at: e.time,
        nodes: [e.node, e.peer],
        events: [e.index],
      };
    }
    return { ok: true };
  },
};

/** Most specific cause first. */
export const allCheckers: Checker[] = [idShape, uniqueIds, totalAvailability, coordinationFree];

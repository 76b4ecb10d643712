import { CLIENT, type AnyMessage, type NodeId } from '../../src/kernel';
import {
  fill,
  fmtMs,
  handlerRuns,
  incrementalCheck,
  overHandlerRuns,
  type Checker,
  type HandlerRun,
  type Template,
  type Text,
  type Verdict,
} from '../../src/grader';
import { between, idHistory, replyIn, type NodeEvent, type Reply } from './replies';

/** The longest ID the client accepts (the contract's limit). */
export const MAX_ID_LENGTH = 64;

/** The contract fixes the reply's shape: the client stores IDs as short strings and matches replies to requests. */
export const idShape: Checker = {
  name: 'id-shape',
  safety: true,
  translations: {
    'zh-cn': { property: '每个 generate_ok 都把请求的 msgId 作为 inReplyTo，并带有一个 1 到 64 个字符的字符串 id' },
  },
  property: `every generate_ok carries the request's msgId as inReplyTo and an id that is a string of 1 to ${MAX_ID_LENGTH} characters`,
  check({ trace }) {
    for (const { node, time, index, msg } of idHistory(trace).replies) {
      const problem = shapeProblem(msg);
      if (problem === undefined) continue;
      return {
        ok: false,
        explanation: fill(badShape, { node, time, problem }),
        at: time,
        nodes: [node],
        events: [index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ broken: false }),
    event(checked, e) {
      const reply = replyIn(e);
      if (reply !== undefined && shapeProblem(reply.msg) !== undefined) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** What is wrong with a reply's shape, if anything. */
function shapeProblem(msg: AnyMessage): Text | undefined {
  if (typeof msg.inReplyTo !== 'number')
    return {
      en: `inReplyTo ${JSON.stringify(msg.inReplyTo)}, not the msgId of a request`,
      'zh-cn': `inReplyTo 为 ${JSON.stringify(msg.inReplyTo)}，不是某个请求的 msgId`,
    };
  if (typeof msg.id !== 'string')
    return {
      en: `id ${JSON.stringify(msg.id)}, which is not a string`,
      'zh-cn': `id 为 ${JSON.stringify(msg.id)}，不是字符串`,
    };
  if (msg.id.length === 0 || msg.id.length > MAX_ID_LENGTH)
    return { en: `an id of ${msg.id.length} characters`, 'zh-cn': `id 长 ${msg.id.length} 个字符` };
  return undefined;
}

const badShape: Template<{ node: NodeId; time: number; problem: Text }> = {
  en: ({ node, time, problem }) =>
    `${node} sent generate_ok at ${fmtMs(time)} with ${problem.en}: a reply carries inReplyTo (the request's msgId) and an id that is a string of 1 to ${MAX_ID_LENGTH} characters`,
  'zh-cn': ({ node, time, problem }) =>
    `${node} 在 ${fmtMs(time)} 发出的 generate_ok 里，${problem['zh-cn']}：回复要带上 inReplyTo（请求的 msgId），以及一个 1 到 ${MAX_ID_LENGTH} 个字符的字符串 id`,
};

const givenTwice: Template<{ id: string; earlier: Reply; reply: Reply; meanwhile: NodeEvent[] }> = {
  en: ({ id, earlier, reply, meanwhile }) =>
    `ID ${JSON.stringify(id)} given twice: ${earlier.node} handed it out at ${fmtMs(earlier.time)} (request ${String(earlier.msg.inReplyTo)}), and ${reply.node} handed it out ${earlier.node === reply.node ? 'again' : 'too'} at ${fmtMs(reply.time)} (request ${String(reply.msg.inReplyTo)})` +
    (meanwhile.length > 0
      ? `; in between, ${meanwhile.map((e) => `${e.node} ${e.what.en} at ${fmtMs(e.time)}`).join(', ')}`
      : ''),
  'zh-cn': ({ id, earlier, reply, meanwhile }) =>
    `ID ${JSON.stringify(id)} 发了两次：${earlier.node} 在 ${fmtMs(earlier.time)} 把它发给了请求 ${String(earlier.msg.inReplyTo)}，${reply.node} ${earlier.node === reply.node ? '又' : '也'}在 ${fmtMs(reply.time)} 把它发给了请求 ${String(reply.msg.inReplyTo)}` +
    (meanwhile.length > 0
      ? `；这期间，${meanwhile.map((e) => `${fmtMs(e.time)} 时 ${e.node} ${e.what['zh-cn']}`).join('，')}`
      : ''),
};

const unanswered: Template<{ node: NodeId; msgId: unknown; time: number; toPeers: { type: string; to: NodeId }[] }> = {
  en: ({ node, msgId, time, toPeers }) =>
    `${node} received generate ${String(msgId)} at ${fmtMs(time)} and did not answer it in that handler${toPeers.length > 0 ? ` (it sent ${toPeers.map((s) => `${s.type} to ${s.to}`).join(', ')})` : ''}: a node answers every request at once, from what it holds, without waiting for another node`,
  'zh-cn': ({ node, msgId, time, toPeers }) =>
    `${node} 在 ${fmtMs(time)} 收到 generate ${String(msgId)}，却没有在那个处理函数里回答它${toPeers.length > 0 ? `（它发出了${toPeers.map((s) => `给 ${s.to} 的 ${s.type}`).join('、')}）` : ''}：节点要立刻用手头已有的东西回答每个请求，不等任何别的节点`,
};

const peersTalked: Template<{ node: NodeId; peer: NodeId; type: string; time: number }> = {
  en: ({ node, peer, type, time }) =>
    `${node} sent ${type} to ${peer} at ${fmtMs(time)}: handing out IDs needs no messages between nodes; each message costs a round trip per ID and stalls in a partition`,
  'zh-cn': ({ node, peer, type, time }) =>
    `${node} 在 ${fmtMs(time)} 给 ${peer} 发了 ${type}：发放 ID 不需要节点之间通信；每条消息都让每个 ID 多一次往返，遇到分区还会卡住`,
};

/**
 * The point of the exercise: no ID is handed out for two requests, by two nodes or by one node
 * twice, before and after a restart or a clock step. Every reply that left a node counts,
 * delivered or not: the client may have received it.
 */
export const uniqueIds: Checker = {
  name: 'unique-ids',
  safety: true,
  translations: { 'zh-cn': { property: '任何两个请求都不会拿到相同的 id，跨节点、跨重启、跨时钟跳变都一样' } },
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
      // What befell the node between its two replies; two nodes' IDs collide whatever happened.
      const meanwhile = earlier.node === reply.node ? between(history, reply.node, earlier.index, reply.index) : [];
      return {
        ok: false,
        explanation: fill(givenTwice, { id, earlier, reply, meanwhile }),
        at: reply.time,
        nodes: [...new Set([earlier.node, reply.node])],
        events: [earlier.index, reply.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** Each ID → the inReplyTo of the first reply that gave it. */
    begin: () => ({ first: new Map<string, unknown>(), broken: false }),
    event(checked, e) {
      const reply = replyIn(e);
      if (reply === undefined || typeof reply.msg.id !== 'string' || checked.broken) return;
      if (!checked.first.has(reply.msg.id)) checked.first.set(reply.msg.id, reply.msg.inReplyTo);
      else if (checked.first.get(reply.msg.id) !== reply.msg.inReplyTo) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/**
 * Total availability: a node that receives a request answers it in the handler that receives it,
 * from what it holds, even when it can reach no other node. A handler cut short by a crash owes nothing.
 */
export const totalAvailability: Checker = {
  name: 'total-availability',
  safety: true,
  translations: {
    'zh-cn': { property: '在线节点收到的每个 generate，都在收到它的处理函数里得到回答，分区与否都一样' },
  },
  property: 'every generate a live node receives is answered in the handler that receives it, partitions or not',
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const verdict = judgeAnswer(run);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run) => judgeAnswer(run) === undefined),
};

/** totalAvailability's rule for one handler run: undefined when it keeps it. */
function judgeAnswer({ node, time, index, request, sends }: HandlerRun): Verdict | undefined {
  if (request?.from !== CLIENT || request.msg.type !== 'generate') return undefined;
  const msgId = request.msg.msgId;
  if (sends.some((s) => s.to === CLIENT && s.msg.type === 'generate_ok' && s.msg.inReplyTo === msgId)) return undefined;
  const toPeers = [
    ...new Map(
      sends.filter((s) => s.to !== CLIENT).map((s) => [`${s.msg.type} ${s.to}`, { type: s.msg.type, to: s.to }]),
    ).values(),
  ];
  return {
    ok: false,
    explanation: fill(unanswered, { node, msgId, time, toPeers }),
    at: time,
    nodes: [node],
    events: [index],
  };
}

/** Efficiency: a node has all it needs (its own name, its own disk), so nodes send each other nothing. */
export const coordinationFree: Checker = {
  name: 'coordination-free',
  safety: true,
  translations: { 'zh-cn': { property: '节点之间不互相发送消息：生成 ID 不需要协调' } },
  property: 'nodes send no messages to each other: an ID needs no coordination',
  check({ trace, nodes }) {
    for (const e of trace.ofKind('send')) {
      if (!betweenNodes(e, nodes)) continue;
      return {
        ok: false,
        explanation: fill(peersTalked, { node: e.node, peer: e.peer, type: e.data.type, time: e.time }),
        at: e.time,
        nodes: [e.node, e.peer],
        events: [e.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({ nodes: Object.freeze([...nodes]), broken: false }),
    event(checked, e) {
      if (e.kind === 'send' && betweenNodes(e, checked.nodes)) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** A message from one node to another, not to or from the client. */
function betweenNodes<E extends { node: NodeId; peer?: NodeId }>(
  e: E,
  nodes: readonly NodeId[],
): e is E & { peer: NodeId } {
  return e.peer !== undefined && nodes.includes(e.node) && nodes.includes(e.peer);
}

/** Most specific cause first. */
export const allCheckers: Checker[] = [idShape, uniqueIds, totalAvailability, coordinationFree];

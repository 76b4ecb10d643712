import type { Trace } from '../../src/kernel';
import { fill, fmtMs, measuredChecker, type Checker, type Template } from '../../src/grader';
import { clientsOf } from './history';

/**
 * Messages the clients send per operation, over the whole run: one request per operation when
 * nothing goes wrong, a few more for the retries a fault forces; a client that retries at a fixed
 * short interval while the server is down sends dozens.
 */
export function requestsPerOperation(perClient: number, limit: number): Checker {
  return measuredChecker({
    name: 'requests-per-operation',
    property: `the clients send at most ${limit} messages per operation: retries back off while the server does not answer`,
    translations: {
      'zh-cn': {
        property: `客户端平均每个操作最多发 ${limit} 条消息：服务器不回答时，重试要退避`,
        figure: '客户端每个操作发出的消息数',
      },
    },
    figure: 'messages from clients per operation',
    limit,
    bound: 'at-most',
    measure({ trace }) {
      const clients = clientsOf(trace);
      const lanes = new Set(clients);
      const sent = new Map<string, number>(clients.map((c) => [c, 0]));
      let last: { index: number; time: number } | undefined;
      for (const e of trace.ofKind('send')) {
        if (!lanes.has(e.node)) continue;
        sent.set(e.node, (sent.get(e.node) ?? 0) + 1);
        last = { index: e.index, time: e.time };
      }
      const operations = clients.length * perClient;
      if (operations === 0) return undefined;
      const total = [...sent.values()].reduce((a, b) => a + b, 0);
      const [busiest, most] = [...sent].reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1]);
      return {
        value: total / operations,
        detail: fill(requestCount, { total, clients: clients.length, operations, busiest, most, lastAt: last?.time }),
        ...(last ? { at: last.time, events: [last.index] } : {}),
        nodes: [busiest],
      };
    },
  });
}

const requestCount: Template<{
  total: number;
  clients: number;
  operations: number;
  busiest: string;
  most: number;
  lastAt: number | undefined;
}> = {
  en: ({ total, clients, operations, busiest, most, lastAt }) =>
    `${total} messages from ${clients} clients for ${operations} operations; ${busiest} sent the most, ${most}${lastAt !== undefined ? `, and the last left at ${fmtMs(lastAt)}` : ''}`,
  'zh-cn': ({ total, clients, operations, busiest, most, lastAt }) =>
    `${clients} 个客户端为 ${operations} 个操作一共发了 ${total} 条消息；${busiest} 发得最多，${most} 条${lastAt !== undefined ? `，最后一条在 ${fmtMs(lastAt)} 发出` : ''}`,
};

/** Retries of two clients that leave this close together arrive together: they move in step. */
const IN_STEP_MS = 1;

interface Retry {
  client: string;
  time: number;
  index: number;
}

/** Every send a client makes for an operation after its first one, while the operation is open. */
function retriesOf(trace: Trace): Retry[] {
  const clients = new Set(clientsOf(trace));
  const sentFor = new Map<string, number>();
  const retries: Retry[] = [];
  for (const e of trace.events()) {
    if (!clients.has(e.node)) continue;
    if (e.kind === 'op') {
      if (e.data.type === 'invoke') sentFor.set(e.node, 0);
      else sentFor.delete(e.node);
    } else if (e.kind === 'send') {
      const sent = sentFor.get(e.node);
      if (sent === undefined) continue;
      if (sent > 0) retries.push({ client: e.node, time: e.time, index: e.index });
      sentFor.set(e.node, sent + 1);
    }
  }
  return retries;
}

/**
 * Clients whose requests failed together must not retry together: backoff without jitter keeps
 * them in step, and their retries reach the recovering server as one wave. Measured as the share
 * of retries that leave within 1 ms of another client's retry.
 */
export function retriesSpread(limitPercent: number): Checker {
  return measuredChecker({
    name: 'retries-spread',
    property: `at most ${limitPercent} % of retries leave within ${IN_STEP_MS} ms of another client's retry: jitter spreads clients that failed together`,
    translations: {
      'zh-cn': {
        property: `最多 ${limitPercent} % 的重试与别的客户端的重试相隔不到 ${IN_STEP_MS} ms：抖动把一起失败的客户端错开`,
        figure: `与别的客户端的重试相隔不到 ${IN_STEP_MS} ms 的重试占比（%）`,
      },
    },
    figure: `% of retries within ${IN_STEP_MS} ms of another client's`,
    limit: limitPercent,
    bound: 'at-most',
    digits: 0,
    measure({ trace }) {
      const retries = retriesOf(trace);
      if (retries.length === 0) return undefined;
      const inStep = retries.filter((r, i) =>
        retries.some((o, j) => j !== i && o.client !== r.client && Math.abs(o.time - r.time) <= IN_STEP_MS),
      );
      const first = inStep[0];
      return {
        value: (100 * inStep.length) / retries.length,
        detail: fill(retriesInStep, { inStep: inStep.length, retries: retries.length, first }),
        ...(first ? { at: first.time, nodes: [first.client], events: [first.index] } : {}),
      };
    },
  });
}

const retriesInStep: Template<{ inStep: number; retries: number; first: Retry | undefined }> = {
  en: ({ inStep, retries, first }) =>
    `${inStep} of ${retries} retries left within ${IN_STEP_MS} ms of another client's${first ? `, the first from ${first.client} at ${fmtMs(first.time)}` : ''}`,
  'zh-cn': ({ inStep, retries, first }) =>
    `${retries} 次重试里有 ${inStep} 次与别的客户端的重试相隔不到 ${IN_STEP_MS} ms${first ? `，第一次是 ${first.client} 在 ${fmtMs(first.time)} 发出的` : ''}`,
};

import { fmtMs, measuredChecker, type Checker } from '../../src/grader';
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
      'zh-cn': { property: `客户端平均每个操作最多发 ${limit} 条消息：服务器不回答时，重试要退避` },
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
        detail: `${total} messages from ${clients.length} clients for ${operations} operations; ${busiest} sent the most, ${most}${last ? `, and the last left at ${fmtMs(last.time)}` : ''}`,
        ...(last ? { at: last.time, events: [last.index] } : {}),
        nodes: [busiest],
      };
    },
  });
}

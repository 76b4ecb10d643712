import type { Trace } from './trace';

export interface TypeTraffic {
  count: number;
  /** JSON-encoded size of the messages, the unit 6.5840's RPC-bytes checks use. */
  bytes: number;
}

/**
 * Messages and bytes sent, by message type. Computed from the trace on demand, not on the hot
 * path: messages are frozen when sent, so their size now is their size then.
 */
export function trafficByType(trace: Trace): Record<string, TypeTraffic> {
  const byType: Record<string, TypeTraffic> = {};
  for (const e of trace.ofKind('send')) {
    const msg = e.data;
    const entry = (byType[msg.type] ??= { count: 0, bytes: 0 });
    entry.count++;
    entry.bytes += JSON.stringify(msg).length;
  }
  return byType;
}

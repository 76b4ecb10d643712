import { simulate } from '../src/kernel';
import { broadcastSpec } from './workload';

/** Processed events that make a trace of just over 1 M events (9 trace events per 5 processed). */
const PROCESSED_EVENTS = 560_000;

export interface TraceMemory {
  traceEvents: number;
  heapBytes: number;
  arrayBufferBytes: number;
  rssBytes: number;
  peakRssBytes: number;
}

/**
 * Memory held by a 1 M-event trace, measured in a fresh process: heap used (payloads, chunk
 * objects) and array buffers (the typed columns live outside the JS heap), each after a full GC,
 * plus the growth of resident memory and its peak.
 */
export function probeTraceMemory(): TraceMemory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the trace memory probe needs node --expose-gc');
  gc();
  const before = process.memoryUsage();
  const result = simulate(broadcastSpec(PROCESSED_EVENTS, true));
  gc();
  const after = process.memoryUsage();
  return {
    traceEvents: result.trace?.length ?? 0,
    heapBytes: after.heapUsed - before.heapUsed,
    arrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
    rssBytes: after.rss - before.rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024 - before.rss,
  };
}

import { simulate } from '../src/kernel';
import { recordQueuePattern, replayOnBareHeap } from './bareLoop';
import { formatTable, heading, median, percent, perSecond } from './table';
import { broadcastSpec } from './workload';

const EVENTS = 500_000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 9;

/**
 * Kernel events per second on the 5-node broadcast workload, tracing off and on, against a bare
 * heap replaying the very pushes and pops the kernel made. The three are measured in turn in
 * each round, so a slow moment of the machine hits all of them; each ratio is per round.
 */
export function measureThroughput(): string {
  const pattern = recordQueuePattern(broadcastSpec(EVENTS, false));
  const events = simulate(broadcastSpec(EVENTS, false)).events;
  if (pattern.pops !== events)
    throw new Error(`the recorded pattern has ${pattern.pops} pops, the kernel processed ${events} events`);
  const rate = (run: () => void): number => {
    const start = performance.now();
    run();
    return (events / (performance.now() - start)) * 1000;
  };
  const bare: number[] = [];
  const off: number[] = [];
  const on: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const b = rate(() => replayOnBareHeap(pattern));
    const f = rate(() => simulate(broadcastSpec(EVENTS, false)));
    const n = rate(() => simulate(broadcastSpec(EVENTS, true)));
    if (round < WARMUP_ROUNDS) continue;
    bare.push(b);
    off.push(f);
    on.push(n);
  }
  const ratio = (kernel: number[]): number => median(kernel.map((k, i) => k / (bare[i] as number)));
  const table = formatTable(
    ['run', 'events/s', 'of the bare loop'],
    [
      ['bare binary-heap loop (same pushes and pops)', perSecond(median(bare)), percent(1)],
      ['kernel, tracing off', perSecond(median(off)), percent(ratio(off))],
      ['kernel, tracing on', perSecond(median(on)), percent(ratio(on))],
    ],
  );
  return [
    heading('Kernel throughput: 5 nodes, each broadcasting every 10 ms, trivial handlers'),
    `${events.toLocaleString('en-US')} events a run (${pattern.ops.length.toLocaleString('en-US')} queue operations); ${WARMUP_ROUNDS} warm-up rounds, then the median of ${ROUNDS} rounds (ratios taken within each round).`,
    table,
    `target: tracing on >= 50 % of the bare loop -> ${ratio(on) >= 0.5 ? 'met' : 'NOT met'}`,
  ].join('\n');
}

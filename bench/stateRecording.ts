import { concreteRun, loadStudentModule, runSpecOf, type RunRequest } from '../src/grader';
import { simulate, type RunSpec } from '../src/kernel';
import { exercises } from '../lessons/catalog';
import { referenceSource } from './repo';
import { formatTable, heading, median, percent } from './table';

/** The exercises whose reference solutions are measured, with seeds per named scenario. */
const MEASURED = ['raft-election', 'two-phase-commit'];
const SEEDS = 10;
const WARMUP_ROUNDS = 2;
const ROUNDS = 7;

/**
 * What recording every process's fields and storage costs (the state table a shown trace carries):
 * kernel events per second with tracing on, recording off and on, over every named scenario of an
 * exercise on seeds 1–10 with its reference solution; and the table's size per trace event, as JSON
 * in the trace file. Off and on alternate within each round; each ratio is per round. A field is
 * recorded whole when it changes, so a Map that grows by one entry is written again in full.
 */
export function measureStateRecording(): string {
  const rows: string[][] = [];
  for (const id of MEASURED) {
    const exercise = exercises.find((e) => e.id === id);
    const reference = referenceSource(id);
    if (exercise === undefined || reference === undefined) {
      rows.push([id, 'no exercise or no reference.ts', '', '', '', '']);
      continue;
    }
    const program = loadStudentModule(reference.source, 'reference.ts');
    const specs = (recordStates: boolean): RunSpec[] =>
      exercise.scenarios
        .filter((s) => s.runs === undefined)
        .flatMap((scenario) =>
          Array.from({ length: SEEDS }, (_, k) => {
            const request: RunRequest = {
              exercise,
              scenario,
              program,
              seed: k + 1,
              file: 'reference.ts',
              recordStates,
            };
            return runSpecOf(request, concreteRun(request));
          }),
        );
    const off = specs(false);
    const on = specs(true);
    let events = 0;
    let traceEvents = 0;
    let tableBytes = 0;
    for (const spec of on) {
      const result = simulate(spec);
      events += result.events;
      traceEvents += result.trace?.length ?? 0;
      tableBytes += Buffer.byteLength(JSON.stringify(result.states));
    }
    const rate = (batch: RunSpec[]): number => {
      const start = performance.now();
      for (const spec of batch) simulate(spec);
      return (events / (performance.now() - start)) * 1000;
    };
    const offRates: number[] = [];
    const onRates: number[] = [];
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      const f = rate(off);
      const n = rate(on);
      if (round < WARMUP_ROUNDS) continue;
      offRates.push(f);
      onRates.push(n);
    }
    rows.push([
      id,
      `${off.length} (${events.toLocaleString('en-US')} events)`,
      thousandsPerSecond(median(offRates)),
      thousandsPerSecond(median(onRates)),
      percent(median(onRates.map((n, i) => n / (offRates[i] as number)))),
      (tableBytes / traceEvents).toFixed(1),
    ]);
  }
  return [
    heading('Recording node state (fields and storage) beside the trace: reference solutions'),
    `Every named scenario on seeds 1–${SEEDS}, tracing on; ${WARMUP_ROUNDS} warm-up rounds, then the median of ${ROUNDS}. Bytes: the state table as JSON in the trace file, per trace event.`,
    formatTable(['exercise', 'runs', 'recording off', 'recording on', 'on / off', 'table bytes per event'], rows),
  ].join('\n');
}

/** Exercise runs go at thousands of events a second, not millions. */
function thousandsPerSecond(rate: number): string {
  return `${(rate / 1000).toFixed(1)} k/s`;
}

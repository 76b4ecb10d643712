/**
 * `npm run bench`: kernel throughput against a bare heap, the cost of recording node state, grading time per exercise, the memory
 * of a 1 M-event trace, the two transpilers for student TypeScript, the linearizability checker and the exhaustive search. Every figure comes from
 * this run. Memory and cold start are measured in fresh child processes (`--probe`).
 */
import { spawnSync } from 'node:child_process';
import { measureExplore } from './explore';
import { measureGrading } from './grading';
import { measureLinearizability } from './linearizability';
import { measureStateRecording } from './stateRecording';
import { formatTable, heading, mb, ms } from './table';
import { measureThroughput } from './throughput';
import { probeTraceMemory, type TraceMemory } from './traceMemory';
import { packageFootprint, probeTranspiler, type Transpiler, type TranspilerTiming } from './transpilers';
import { benchViewer } from './viewer';

const TRACE_MEMORY_LIMIT = 200 * 1024 * 1024;

async function main(): Promise<void> {
  const probe = process.argv.indexOf('--probe');
  if (probe >= 0) {
    const [what, arg] = process.argv.slice(probe + 1);
    const result = what === 'trace-memory' ? probeTraceMemory() : await probeTranspiler(arg as Transpiler);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  console.log(`distsys bench: node ${process.version}, ${process.arch}, ${process.platform}`);
  console.log(measureThroughput());
  console.log(measureStateRecording());
  console.log(await measureGrading());
  console.log(traceMemorySection(runProbe<TraceMemory>(['trace-memory'])));
  console.log(transpilerSection());
  console.log(await benchViewer());
  console.log(measureLinearizability());
  console.log(await measureExplore());
}

function runProbe<T>(args: string[]): T {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--probe', ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`probe ${args.join(' ')} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

function traceMemorySection(m: TraceMemory): string {
  const retained = m.heapBytes + m.arrayBufferBytes;
  return [
    heading('Trace memory: a 1 M-event trace (5-node broadcast), fresh process, after a full GC'),
    formatTable(
      ['measure', 'value'],
      [
        ['trace events', m.traceEvents.toLocaleString('en-US')],
        ['heap used (payloads, chunk objects)', mb(m.heapBytes)],
        ['array buffers (typed columns)', mb(m.arrayBufferBytes)],
        ['retained total', mb(retained)],
        ['bytes per event', (retained / m.traceEvents).toFixed(1)],
        ['RSS growth', mb(m.rssBytes)],
        ['peak RSS growth during the run', mb(m.peakRssBytes)],
      ],
    ),
    `target: < 200 MB -> ${retained < TRACE_MEMORY_LIMIT && m.peakRssBytes < TRACE_MEMORY_LIMIT ? 'met' : 'NOT met'} (retained and peak RSS growth)`,
  ].join('\n');
}

function transpilerSection(): string {
  const tools: Array<{ name: Transpiler; footprint: ReturnType<typeof packageFootprint>; timing: TranspilerTiming }> = (
    ['sucrase', 'esbuild-wasm'] as const
  ).map((name) => ({
    name,
    footprint: packageFootprint(name),
    timing: runProbe<TranspilerTiming>(['transpiler', name]),
  }));
  const files = tools[0]?.timing.files.map((f) => f.exercise) ?? [];
  const footprint = tools.map(({ name, footprint, timing }) => {
    const first = timing.files[0]?.firstMs ?? 0;
    return [
      name,
      mb(footprint.bytes),
      String(footprint.packages.length),
      ms(timing.initMs),
      ms(first),
      ms(timing.initMs + first),
    ];
  });
  const perFile = files.map((exercise) => [
    exercise,
    ...tools.map(({ timing }) => {
      const f = timing.files.find((x) => x.exercise === exercise);
      return f ? ms(f.medianMs) : '';
    }),
  ]);
  return [
    heading('Transpiling student TypeScript: sucrase vs esbuild-wasm'),
    'disk: du-style block usage of the package and its runtime dependencies in node_modules (esbuild-wasm: with its .wasm).',
    'load: requiring the package in a fresh process (esbuild-wasm: plus initialize()). The first transform of',
    `${files[0] ?? 'the first reference'} follows; esbuild-wasm finishes compiling its WebAssembly there. cold = load + first.`,
    formatTable(['transpiler', 'disk', 'packages', 'load', 'first transform', 'cold'], footprint),
    '',
    'Warm transform of each reference solution, median of 20 after the first:',
    formatTable(['reference', ...tools.map((t) => t.name)], perFile),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

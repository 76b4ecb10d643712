import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { determinismRuns, type RunHash } from '../browser/determinismRuns';
import { readBundle, readReferences } from '../browser/nodeReferences';

/** The Node globals the bundle must never need. */
const NODE_GLOBALS = [
  'process',
  'require',
  'module',
  'exports',
  'Buffer',
  'global',
  '__filename',
  '__dirname',
  'setImmediate',
  'clearImmediate',
];

/**
 * Evaluates the browser bundle at global scope in a worker whose Node globals are deleted first,
 * and reports what it left on the global object together with which of those globals remained.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
for (const name of workerData.globals) delete globalThis[name];
const evaluate = eval;
const remaining = workerData.globals.filter((name) => evaluate('typeof ' + name) !== 'undefined');
let result;
try {
  evaluate(workerData.bundle);
  result = globalThis.distsysDeterminism;
} catch (error) {
  result = { error: String(error && error.stack || error) };
}
post({ remaining, result });
`;

interface WorkerReport {
  remaining: string[];
  result?: { runs: RunHash[] } | { error: string };
}

function runBundleWithoutNodeGlobals(): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { bundle: readBundle(), globals: NODE_GLOBALS } });
    worker.once('message', (report: WorkerReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('determinism without Node globals', () => {
  it('gives the same trace hashes from the browser bundle, in a worker without process, require or Buffer, as in Node', async () => {
    const report = await runBundleWithoutNodeGlobals();
    assert.deepEqual(report.remaining, [], 'these Node globals could not be removed, so the check would prove nothing');
    const result = report.result;
    assert.ok(result, 'the bundle left no result on the global object');
    if ('error' in result) assert.fail(`the bundle failed without Node globals:\n${result.error}`);
    assert.deepEqual(result.runs, determinismRuns(readReferences()));
  });
});

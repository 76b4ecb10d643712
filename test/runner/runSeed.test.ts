import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Trace } from '../../src/kernel';
import { runSeed, type SeedRun, type SeedRunRequest } from '../../src/runner';
import { fixtureWorker, program, ROOT } from '../cli/fixtures/harness';
import { pingPong } from '../cli/fixtures/pingPong';

const request = (name: string, over: Partial<SeedRunRequest> = {}): SeedRunRequest => {
  const file = program(name);
  return {
    exercise: pingPong,
    source: readFileSync(join(ROOT, file), 'utf8'),
    file,
    scenario: 'crash',
    seed: 3,
    ...over,
  };
};

async function ran(req: SeedRunRequest): Promise<SeedRun> {
  const outcome = await runSeed(req, { workerFile: await fixtureWorker() }).done;
  assert.equal(outcome.status, 'ran', JSON.stringify(outcome));
  return outcome.run;
}

describe('runner: one seed in a worker thread', () => {
  it('gives the same trace hash for the same program, scenario and seed, and another for another seed', async () => {
    const first = await ran(request('retrying'));
    assert.equal((await ran(request('retrying', { trace: true }))).hash, first.hash, 'recording states moves no hash');
    assert.match(first.hash, /^[0-9a-f]{16}$/);
    assert.equal((await ran(request('retrying'))).hash, first.hash);
    assert.notEqual((await ran(request('retrying', { seed: 4 }))).hash, first.hash);
  });

  it('returns trace lines that parse back to the same hash, with the verdict in the footer', async () => {
    const run = await ran(request('once', { trace: true }));
    assert.ok(run.traceLines);
    const parsed = Trace.parse(run.traceLines.join('\n'));
    assert.equal(parsed.hash, run.hash);
    assert.equal(parsed.trace.hash(), run.hash);
    const processes = parsed.trace.header.lanes.filter((lane) => lane !== 'client').length;
    assert.equal(
      parsed.trace.length,
      run.traceLines.length - 3 - processes,
      'a header line, one line per event, the state table (an opening line, one line per process), a footer line',
    );
    assert.deepEqual(
      parsed.states?.nodes.map((n) => n.node),
      parsed.trace.header.lanes.slice(0, processes),
      'the fields and storage of every process come with a trace that is to be shown',
    );
    assert.equal(parsed.footer.passed, false);
    assert.equal((parsed.footer.failure as { checker: string }).checker, 'every-pong');
    assert.equal(parsed.footer.scenario, 'crash');
  });

  it("replays a given fault schedule instead of the scenario's own", async () => {
    const own = await ran(request('once'));
    assert.equal(own.failure?.checker, 'every-pong');
    assert.ok(own.faults.length > 0);
    const none = await ran(request('once', { faults: [] }));
    assert.deepEqual(none.faults, []);
    assert.equal(none.failure, undefined);
  });

  it("replays a given length instead of the scenario's own (a shrunk run)", async () => {
    const own = await ran(request('retrying'));
    const half = Math.floor(own.duration / 2);
    const short = await ran(request('retrying', { duration: half }));
    assert.equal(short.duration, half);
    assert.equal(short.endTime, half);
    assert.equal(own.endTime, own.duration);
  });

  it('stops a run whose handler loops forever, with a timeout verdict and no replay hint', async () => {
    const outcome = await runSeed(request('loops', { scenario: 'calm', seed: 1 }), {
      workerFile: await fixtureWorker(),
      unitBudgetMs: 1500,
    }).done;
    assert.equal(outcome.status, 'stopped');
    const failure = outcome.failure;
    assert.equal(failure.checker, 'timeout');
    assert.deepEqual(failure.nodes, ['n1']);
    assert.match(failure.explanation, /n1 was still running onMessage\(n2, pong\)/);
    assert.doesNotMatch(failure.explanation, /distsys run/);
  });

  it('passes what the program prints to onOutput', async () => {
    let printed = '';
    const source = readFileSync(join(ROOT, program('retrying')), 'utf8').replace(
      'onStart(): void {',
      'onStart(): void {\n    for (let i = 0; i < 200; i++) console.log(`hello ${i} from ${this.ctx.id}`);',
    );
    const outcome = await runSeed(
      { ...request('retrying'), source },
      { workerFile: await fixtureWorker(), onOutput: (text) => (printed += text) },
    ).done;
    assert.equal(outcome.status, 'ran');
    for (const node of ['n1', 'n2', 'n3']) assert.match(printed, new RegExp(`hello 199 from ${node}`));
  });
});

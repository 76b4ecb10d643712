import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioReport } from '../../src/grader';
import { grade, type GradeOutcome, type GradeRequest, type RunnerConfig } from '../../src/runner';
import { resolveSettings } from '../../src/runner/config';
import { drainPools, poolFor } from '../../src/runner/pool';
import { fixtureWorker, program, ROOT } from '../cli/fixtures/harness';
import { pingPong } from '../cli/fixtures/pingPong';

const request = (name: string, over: Partial<GradeRequest> = {}): GradeRequest => {
  const file = program(name);
  return { exercise: pingPong, source: readFileSync(join(ROOT, file), 'utf8'), file, options: { seeds: 3 }, ...over };
};

async function graded(
  req: GradeRequest,
  config: RunnerConfig = {},
): Promise<Extract<GradeOutcome, { status: 'graded' }>['report']> {
  const outcome = await grade(req, { workerFile: await fixtureWorker(), ...config }).done;
  assert.equal(outcome.status, 'graded', JSON.stringify(outcome));
  return outcome.report;
}

function scenario(report: { scenarios: ScenarioReport[] }, name: string): ScenarioReport {
  const found = report.scenarios.find((s) => s.name === name);
  assert.ok(found, `no scenario ${name}`);
  return found;
}

describe('runner: grading in worker threads', () => {
  it('gives full marks to a program that passes every scenario', async () => {
    const report = await graded(request('retrying'));
    assert.equal(report.score, report.maxScore);
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['calm', 'lossy', 'crash'],
    );
  });

  it('fails the scenarios a program cannot pass and shrinks the failing schedule', async () => {
    const report = await graded(request('once'));
    assert.equal(scenario(report, 'calm').passed, true);
    assert.equal(scenario(report, 'lossy').failure?.checker, 'every-pong');
    const crash = scenario(report, 'crash').failure;
    assert.equal(crash?.checker, 'every-pong');
    assert.ok(crash?.shrunk, 'the crash schedule was not shrunk');
    assert.ok(crash.shrunk.faults.length < crash.faults.length);
  });

  it('reports each scenario through onScenarioStart as it begins and onScenario as it finishes', async () => {
    const events: string[] = [];
    const report = await graded(
      request('once', {
        onScenarioStart: (name) => events.push(`start ${name}`),
        onScenario: (s) => events.push(`end ${s.name}`),
      }),
    );
    for (const { name } of report.scenarios) {
      assert.equal(events.filter((e) => e === `start ${name}`).length, 1);
      assert.ok(events.indexOf(`start ${name}`) < events.indexOf(`end ${name}`), events.join(', '));
    }
    assert.equal(events.length, 2 * report.scenarios.length);
  });

  it('ends a handler that loops forever with a timeout naming the node and handler, and grades the remaining scenarios', async () => {
    const report = await graded(request('loops', { options: { seeds: 2 } }), { unitBudgetMs: 1500, workers: 1 });
    assert.equal(report.scenarios.length, 3);
    const calm = scenario(report, 'calm').failure;
    assert.equal(calm?.checker, 'timeout');
    assert.equal(calm.property, 'each handler returns');
    assert.equal(calm.seed, 1);
    assert.match(
      calm.explanation,
      /^seed 1 of calm did not finish within 1500 ms of real time: n1 was still running onMessage\(n2, pong\)/,
    );
    assert.doesNotMatch(calm.explanation, /distsys run/, 'the report, not the verdict, carries the replay command');
    assert.equal(scenario(report, 'crash').failure?.checker, 'timeout');
  });

  it("fails a handler that throws with the student's own line", async () => {
    const report = await graded(request('throws', { options: { seed: 1, scenario: 'calm' } }));
    const failure = scenario(report, 'calm').failure;
    assert.equal(failure?.checker, 'exception');
    assert.deepEqual(failure.location && { file: failure.location.file, line: failure.location.line }, {
      file: program('throws'),
      line: 13,
    });
  });

  it('evaluates the module afresh for every run, so module-level state cannot leak between seeds', async () => {
    const report = await graded(request('moduleState', { options: { seeds: 5 } }), { workers: 1 });
    assert.equal(report.score, report.maxScore, JSON.stringify(report.scenarios.map((s) => s.failure?.explanation)));
  });

  it("constructs the student's own class and calls its own methods: nothing wraps them", async () => {
    const source =
      "export default class Plain {\n  onStart(): void {\n    const own = Object.getOwnPropertyNames(this).filter((k) => typeof (this as any)[k] === 'function');\n    if (own.length > 0 || Object.getPrototypeOf(this) !== Plain.prototype) throw new Error('wrapped: ' + own.join(', '));\n  }\n  onMessage(): void {}\n  onTimer(): void {}\n}\n";
    const report = await graded({
      exercise: pingPong,
      source,
      file: 'plain.ts',
      options: { seed: 1, scenario: 'calm' },
    });
    assert.equal(scenario(report, 'calm').failure?.checker, 'every-pong', 'it ran without throwing, and sent no ping');
  });

  it('returns a syntax error as a load error with file, line and column', async () => {
    const outcome = await grade(
      {
        exercise: pingPong,
        source: 'export default class {\n  onStart() {\n    let x = ;\n  }\n}\n',
        file: 'broken.ts',
      },
      { workerFile: await fixtureWorker() },
    ).done;
    assert.equal(outcome.status, 'load-error');
    assert.match((outcome as { error: { message: string } }).error.message, /^broken\.ts:3:\d+: syntax error: /);
  });

  it('returns a missing default export and a top-level throw as load errors', async () => {
    const workerFile = await fixtureWorker();
    const noDefault = await grade(
      { exercise: pingPong, source: 'export class Node {}\n', file: 'a.ts' },
      { workerFile },
    ).done;
    assert.match(JSON.stringify(noDefault), /a\.ts: must `export default` the node class/);
    const throws = await grade(
      { exercise: pingPong, source: 'const x = 1;\nthrow new Error("top");\n', file: 'b.ts' },
      { workerFile },
    ).done;
    assert.equal(throws.status, 'load-error');
    assert.match((throws as { error: { message: string } }).error.message, /^b\.ts:2:\d+: Error: top/);
  });

  it('ends a file whose top-level code never returns with a load error', async () => {
    const outcome = await grade(
      { exercise: pingPong, source: 'while (true) {}\n', file: 'spin.ts' },
      { workerFile: await fixtureWorker(), unitBudgetMs: 1000 },
    ).done;
    assert.equal(outcome.status, 'load-error');
    assert.match(
      (outcome as { error: { message: string } }).error.message,
      /spin\.ts: loading the file did not finish within 1000 ms/,
    );
  });

  it('fails a run that outgrows its heap with a memory verdict', async () => {
    const source =
      'export default class Hoard {\n  private kept: number[][] = [];\n  onStart(): void {\n    for (;;) this.kept.push(new Array(1e6).fill(1));\n  }\n  onMessage(): void {}\n  onTimer(): void {}\n}\n';
    const report = await graded(
      { exercise: pingPong, source, file: 'hoard.ts', options: { seed: 1, scenario: 'calm' } },
      { memoryMb: 64 },
    );
    const failure = scenario(report, 'calm').failure;
    assert.equal(failure?.checker, 'memory');
    assert.match(failure.explanation, /^seed 1 of calm ran out of memory/);
  });

  it('ends a message storm with a budget verdict once the run passes its event limit', async () => {
    const source =
      "export default class Storm {\n  constructor(private ctx: any) {}\n  onStart(): void {\n    this.ctx.broadcast({ type: 'echo' });\n  }\n  onMessage(from: string): void {\n    this.ctx.send(from, { type: 'echo' });\n    this.ctx.send(from, { type: 'echo' });\n  }\n  onTimer(): void {}\n}\n";
    const report = await graded(
      { exercise: pingPong, source, file: 'storm.ts', options: { seed: 1, scenario: 'calm' } },
      { maxEvents: 5000 },
    );
    const failure = scenario(report, 'calm').failure;
    assert.equal(failure?.checker, 'budget');
    assert.match(failure.explanation, /5,000 events/);
  });

  it('rejects when the worker bundle is missing, instead of waiting forever', async () => {
    await assert.rejects(
      grade(request('retrying'), { workerFile: join(ROOT, 'no-such-worker.js') }).done,
      /Cannot find module/,
    );
  });

  it('cancels a grade whose handler loops forever: the workers stop and the job ends as cancelled', async () => {
    const job = grade(request('loops'), { workerFile: await fixtureWorker(), unitBudgetMs: 600_000 });
    setTimeout(() => job.cancel(), 300);
    assert.deepEqual(await job.done, { status: 'cancelled' });
  });

  describe('the pool of warm workers', () => {
    beforeEach(drainPools);
    after(drainPools);

    it('parks the workers of a grade and gives them to the next grade instead of starting new ones', async () => {
      const config = { workerFile: await fixtureWorker(), workers: 2 };
      const pool = poolFor(resolveSettings(config));
      await graded(request('retrying'), config);
      assert.equal(pool.size, 2);
      await graded(request('once'), config);
      assert.equal(pool.size, 2, 'the second grade started workers of its own');
    });

    it('does not park a worker the watchdog stopped', async () => {
      const config = { workerFile: await fixtureWorker(), workers: 1, unitBudgetMs: 1500 };
      const pool = poolFor(resolveSettings(config));
      const report = await graded(request('loops', { options: { seeds: 1 } }), config);
      assert.ok(report.scenarios.some((s) => s.failure?.checker === 'timeout'));
      assert.equal(pool.size, 0, 'a worker the watchdog stopped was parked');
    });

    it('clears what an earlier file put on the global object before a parked worker loads the next file', async () => {
      const config = { workerFile: await fixtureWorker(), workers: 1 };
      await graded(request('setsGlobal'), config);
      const report = await graded(request('readsGlobal'), config);
      assert.equal(report.score, report.maxScore, JSON.stringify(report.scenarios.map((s) => s.failure?.explanation)));
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExercise } from '../../lessons/catalog';
import { grade, runSeed, type RunnerConfig } from '../../src/runner';
import { ensureBuilt, ROOT } from '../cli/fixtures/harness';

const breakBully = findExercise('break-bully')!;
const REFERENCE = 'test/exercises/break-bully/reference.faults.json';
const reference = (): string => readFileSync(join(ROOT, REFERENCE), 'utf8');

describe('runner: a fault schedule handed in, in worker threads (the real catalog)', function () {
  this.timeout(120_000);
  const config = (): RunnerConfig => ({ workerFile: join(ROOT, 'dist', 'worker.js'), workers: 1 });
  before(() => ensureBuilt());

  it('grades the schedule against the target program, and names the run that broke it', async () => {
    const outcome = await grade(
      { exercise: breakBully, source: reference(), file: REFERENCE, options: { seeds: 2 } },
      config(),
    ).done;
    assert.equal(outcome.status, 'graded', JSON.stringify(outcome));
    const [report] = outcome.report.scenarios;
    assert.equal(report?.passed, true, report?.failure?.explanation);
    assert.deepEqual(report.broken, { seed: 1, faults: JSON.parse(reference()) as unknown, duration: 4000 });
  });

  it('replays that run with its trace, as Open Trace does, the split in its footer', async () => {
    const outcome = await runSeed(
      { exercise: breakBully, source: reference(), file: REFERENCE, scenario: 'five-nodes', seed: 1, trace: true },
      config(),
    ).done;
    assert.equal(outcome.status, 'ran', JSON.stringify(outcome));
    assert.equal(outcome.run.failure, undefined);
    assert.match(outcome.run.notes.join('\n'), /n5 and n4 both led from \d+ ms/);
    assert.ok((outcome.run.traceLines?.length ?? 0) > 100);
  });

  it('refuses a schedule against the rules of the game as a load error, before any run', async () => {
    const source = JSON.stringify([{ at: 1000, kind: 'clock', node: 'n5', skewMs: 500 }]);
    const outcome = await grade({ exercise: breakBully, source, file: 'attack.faults.json' }, config()).done;
    assert.equal(outcome.status, 'load-error', JSON.stringify(outcome));
    assert.match(outcome.error.message, /^attack\.faults\.json: rule "fault-kinds" .*fault #0 \(.*\) is a clock/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grade, runSeed } from '../../src/runner';
import { fixtureWorker, program, ROOT } from '../cli/fixtures/harness';
import { searchedPingPong } from '../cli/fixtures/searchedPingPong';

const source = (name: string) => {
  const file = program(name);
  return { exercise: searchedPingPong, source: readFileSync(join(ROOT, file), 'utf8'), file };
};

describe('runner: a scenario graded by exhaustive search', () => {
  it('passes the search of a program that keeps the rule, and fails one whose bad handler only a search reaches, with the shortest path', async () => {
    const workerFile = await fixtureWorker();
    const good = await grade({ ...source('retrying'), options: { seeds: 2 } }, { workerFile }).done;
    assert.equal(good.status, 'graded');
    const searched = good.report.scenarios.find((s) => s.name === 'exhaustive-3-nodes');
    assert.equal(searched?.passed, true, JSON.stringify(searched?.failure));
    assert.equal(searched.search?.complete, true);

    const bad = await grade({ ...source('latePong'), options: { seeds: 2 } }, { workerFile }).done;
    assert.equal(bad.status, 'graded');
    const [calm, exhaustive] = bad.report.scenarios;
    assert.equal(calm?.passed, true, 'a run never reaches the late timer');
    const failure = exhaustive?.failure;
    assert.equal(failure?.checker, 'pong-per-ping');
    assert.deepEqual(failure.search?.steps, ["fire n1's late timer"]);

    // Open Trace replays the path, not a seed's run, and ends at the same violation.
    const replay = await runSeed(
      {
        ...source('latePong'),
        scenario: 'exhaustive-3-nodes',
        seed: failure.seed,
        choices: failure.search?.choices,
        trace: true,
      },
      { workerFile },
    ).done;
    assert.equal(replay.status, 'ran');
    assert.equal(replay.run.failure?.explanation, failure.explanation);
    assert.match(replay.run.traceLines?.join('\n') ?? '', /"scenario":"exhaustive-3-nodes"/);
  });

  it('ends a search whose handler never returns with a timeout naming the node and handler, and grades the other scenarios', async () => {
    const outcome = await grade(
      { ...source('lateLoop'), options: { seeds: 2 } },
      { workerFile: await fixtureWorker(), workers: 1, searchBudgetMs: 1500 },
    ).done;
    assert.equal(outcome.status, 'graded');
    const [calm, exhaustive] = outcome.report.scenarios;
    assert.equal(calm?.passed, true);
    assert.equal(exhaustive?.failure?.checker, 'timeout');
    assert.match(
      exhaustive.failure.explanation,
      /^the search of exhaustive-3-nodes did not finish within 1\.5 s of real time: n\d was still running onTimer\("late"\)/,
    );
  });

  it('fails a search whose handler outgrows the heap with a memory verdict naming the scenario', async () => {
    const outcome = await grade(
      { ...source('lateHoard'), options: { scenario: 'exhaustive-3-nodes' } },
      { workerFile: await fixtureWorker(), memoryMb: 64 },
    ).done;
    assert.equal(outcome.status, 'graded');
    const failure = outcome.report.scenarios[0]?.failure;
    assert.equal(failure?.checker, 'memory');
    assert.match(failure.explanation, /^the search of exhaustive-3-nodes ran out of memory/);
  });
});

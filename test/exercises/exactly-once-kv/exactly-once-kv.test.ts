import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, gradeExercise, loadStudentModule, runAndCheck, type Scenario } from '../../../src/grader';
import type { FaultSchedule } from '../../../src/kernel';
import { COMPLETE_WITHIN_MS, operationsComplete } from '../../../lessons/02-retries-and-idempotency/checkers';
import { exactlyOnceKv } from '../../../lessons/02-retries-and-idempotency/exercise';
import { kvHistory } from '../../../lessons/02-retries-and-idempotency/history';
import { buggyVariant, referenceSolution } from '../solutions';

const LESSON = join(__dirname, '../../../lessons/02-retries-and-idempotency');

function grade(variant: string, scenario: string, seeds = 1) {
  const { source, file } =
    variant === 'reference' ? referenceSolution('exactly-once-kv') : buggyVariant('exactly-once-kv', variant);
  return gradeExercise(exactlyOnceKv, loadStudentModule(source, file), file, { scenario, seeds, shrink: false });
}

/** What is particular to exactly-once-kv; what every exercise must satisfy is in ../conformance.test.ts. */
describe('exactly-once-kv exercise', () => {
  it('gives each client its eight operations, drawn from the seed, each write a value of its own', () => {
    const { source, file } = referenceSolution('exactly-once-kv');
    const scenario = exactlyOnceKv.scenarios.find((s) => s.name === 'calm')!;
    const given = (seed: number) => {
      const run = runAndCheck({
        exercise: exactlyOnceKv,
        scenario,
        program: loadStudentModule(source, file),
        seed,
        file,
      });
      return kvHistory(run.trace);
    };
    const history = given(1);
    assert.deepEqual(history.clients, ['c1', 'c2', 'c3']);
    const operations = [...history.operations.values()].flat();
    assert.equal(operations.length, 24);
    const written = operations.flatMap((op) => (op.given.f === 'get' ? [] : [op.given.value]));
    assert.equal(new Set(written).size, written.length);
    assert.ok(operations.every((op) => op.completion?.type === 'ok'));
    const shape = (h: typeof history) => [...h.operations.values()].flat().map((op) => JSON.stringify(op.given));
    assert.deepEqual(shape(given(1)), shape(history));
    assert.notDeepEqual(shape(given(2)), shape(history));
  });

  it('has a starter that performs nothing: the calm scenario fails by operations-complete', () => {
    const file = 'starter.ts';
    const starter = loadStudentModule(readFileSync(join(LESSON, file), 'utf8'), file);
    const report = gradeExercise(exactlyOnceKv, starter, file, { scenario: 'calm', seeds: 1, shrink: false });
    const failure = report.scenarios[0]?.failure;
    assert.equal(failure?.checker, 'operations-complete');
    assert.match(
      failure.explanation,
      /^c1 completed 0 of its 8 operations by the end \(500 ms\): it never asked nextOperation\(\) for its 1st$/,
    );
  });

  it('asks every operation to complete only while the server is up, COMPLETE_WITHIN_MS after the last fault', () => {
    const calm = exactlyOnceKv.scenarios.find((s) => s.name === 'calm') as Scenario;
    const file = 'starter.ts';
    const starter = loadStudentModule(readFileSync(join(LESSON, file), 'utf8'), file);
    const completed = (faults: FaultSchedule) => {
      const scenario: Scenario = { ...calm, name: 'outage', duration: 1500, checkers: [operationsComplete(8)], faults };
      return gradeExercise({ ...exactlyOnceKv, scenarios: [scenario] }, starter, file, { seeds: 1, shrink: false })
        .scenarios[0];
    };
    const down: FaultSchedule = [{ at: 0, kind: 'crash', node: 'n1' }];
    assert.equal(completed(down)?.passed, true);
    assert.equal(
      completed([...down, { at: 1500 - COMPLETE_WITHIN_MS + 10, kind: 'restart', node: 'n1' }])?.passed,
      true,
    );
    assert.equal(
      completed([...down, { at: 100, kind: 'restart', node: 'n1' }])?.failure?.checker,
      'operations-complete',
    );
  });

  it('names the write applied twice, who read it and when', () => {
    const failure = grade('no-dedup', 'duplicated-requests').scenarios[0]?.failure;
    assert.equal(failure?.checker, 'no-duplicate-effect');
    assert.match(
      failure.explanation,
      /^c\d's get of "[xy]" at \d+ ms read "[^"]*", which holds c\d's append \[c\d\.\d\] to "[xy]" \(invoked at \d+ ms\) 2 times: the server applied that one request 2 times$/,
    );
  });

  it('states the messages per operation during the outage with its limit, for the reference and for a retry storm', () => {
    const passing = grade('reference', 'long-outage', 3);
    assert.equal(passing.scenarios[0]?.passed, true);
    assert.match(
      formatTable(passing),
      /measured: [\d.]+ messages from clients per operation \(worst of 3 runs\), at most 3 allowed/,
    );
    const storm = grade('fixed-retry-interval', 'long-outage').scenarios[0]?.failure;
    assert.equal(storm?.checker, 'requests-per-operation');
    assert.ok(storm.measurement !== undefined && storm.measurement.value > 3);
    assert.match(
      storm.explanation,
      /messages from 3 clients for 24 operations; c\d sent the most, \d+, and the last left at \d+ ms$/,
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, gradeExercise, loadStudentModule } from '../../../src/grader';
import { gossipBroadcast } from '../../../lessons/08-eventual-consistency/exercise';
import { buggyVariant, referenceSolution } from '../solutions';

/** What is particular to gossip-broadcast; what every exercise must satisfy is in ../conformance.test.ts. */
describe('gossip broadcast exercise', () => {
  it('states every efficiency figure with its limit when the reference passes', () => {
    const { source, file } = referenceSolution('gossip-broadcast');
    const report = gradeExercise(gossipBroadcast, loadStudentModule(source, file), file, {
      scenario: 'efficiency',
      seeds: 3,
    });
    const scenario = report.scenarios[0];
    assert.equal(scenario?.passed, true);
    assert.deepEqual(
      scenario.measurements?.map((m) => [m.checker, m.limit, m.runs, m.value <= m.limit]),
      [
        ['messages-per-broadcast', 20, 3, true],
        ['median-latency', 500, 3, true],
        ['max-latency', 800, 3, true],
      ],
    );
    const table = formatTable(report);
    assert.match(
      table,
      /measured: [\d.]+ messages between nodes per broadcast \(worst of 3 runs\), at most 20 allowed/,
    );
    assert.match(table, /measured: \d+ ms median propagation latency \(worst of 3 runs\), at most 500 allowed/);
  });

  it('explains a flood by the figure, the limit, the busiest node and the last message', () => {
    const { source, file } = buggyVariant('gossip-broadcast', 'flood-forever');
    const report = gradeExercise(gossipBroadcast, loadStudentModule(source, file), file, {
      scenario: 'efficiency',
      seed: 1,
      shrink: false,
    });
    const failure = report.scenarios[0]?.failure;
    assert.equal(failure?.checker, 'messages-per-broadcast');
    assert.match(
      failure.explanation,
      /^[\d.]+ messages between nodes per broadcast, at most 20 allowed: \d+ messages between nodes \(Gossip \d+, GossipOk \d+\) for 30 broadcasts; n\d+ sent the most, \d+, and the last message between nodes left at \d+ ms$/,
    );
    assert.ok(failure.measurement !== undefined && failure.measurement.value > 20);
  });

  it('has a starter that answers nothing: the calm scenario fails by answers-every-request', () => {
    const file = 'starter.ts';
    const starter = loadStudentModule(
      readFileSync(join(__dirname, '../../../lessons/08-eventual-consistency', file), 'utf8'),
      file,
    );
    const report = gradeExercise(gossipBroadcast, starter, file, { scenario: 'calm', seeds: 1, shrink: false });
    assert.equal(report.scenarios[0]?.failure?.checker, 'answers-every-request');
  });
});

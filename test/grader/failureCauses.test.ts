import assert from 'node:assert/strict';
import type { ScenarioReport } from '../../src/grader';
import { groupByCause, maskRunDetails } from '../../src/grader/reports/causes';

const failing = (name: string, checker: string, explanation: string): ScenarioReport => ({
  name,
  description: `the ${name} scenario`,
  points: 5,
  earned: 0,
  passed: false,
  seedsRun: 1,
  seedsPlanned: 1,
  generated: false,
  failure: { seed: 1, checker, property: `the ${checker} property`, explanation, at: 0, faults: [], duration: 1000 },
});
const passing: ScenarioReport = {
  name: 'calm',
  description: 'calm',
  points: 5,
  earned: 5,
  passed: true,
  seedsRun: 10,
  seedsPlanned: 10,
  generated: false,
};

const noLeader = (ms: number, nodes: number): string =>
  `no leader within ${ms} ms of the start: at ${ms} ms ` +
  Array.from({ length: nodes }, (_, i) => `n${i + 1} follower of term 0`).join(', ') +
  '; no node ever became a candidate';

const names = (scenarios: readonly ScenarioReport[]): string[] => scenarios.map((s) => s.name);

describe('failure causes: scenarios that fail the same way, grouped for the table', () => {
  it('groups one checker failing with the same explanation but other times, nodes and list lengths', () => {
    const causes = groupByCause([
      failing('three-nodes', 'leader-elected', noLeader(2000, 3)),
      passing,
      failing('five-nodes', 'leader-elected', noLeader(5000, 5)),
      failing('seven-nodes', 'leader-elected', noLeader(5000, 7)),
    ]);
    assert.equal(causes.length, 1);
    assert.equal(causes[0]?.lead.name, 'three-nodes');
    assert.deepEqual(names(causes[0]?.others ?? []), ['five-nodes', 'seven-nodes']);
  });

  it('keeps apart other checkers and explanations that differ in more than run details', () => {
    const causes = groupByCause([
      failing('a', 'leader-elected', noLeader(2000, 3)),
      failing('b', 'election-safety', noLeader(2000, 3)),
      failing('c', 'leader-elected', 'two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms'),
      failing('d', 'leader-elected', noLeader(2000, 3).replace('the start', 'the last fault at 800 ms')),
    ]);
    assert.deepEqual(
      causes.map((c) => [c.lead.name, ...names(c.others)]),
      [['a'], ['b'], ['c'], ['d']],
    );
  });

  it('leaves passing scenarios out', () => {
    assert.deepEqual(groupByCause([passing]), []);
  });

  it("masks the scenario's own name, times, node names, transaction ids and file positions", () => {
    assert.equal(
      maskRunDetails(
        'seed 3 of crash did not finish within 1500 ms: n1 was still running onMessage(n2, pong)',
        'crash',
      ),
      'seed # of <scenario> did not finish within # ms: # was still running onMessage(#, pong)',
    );
    assert.equal(
      maskRunDetails('n2 committed t2-97 at 251 ms, but n4 cannot commit it (canCommit("t2-97") is false there)', 'x'),
      '# committed # at # ms, but # cannot commit it (canCommit("#") is false there)',
    );
    assert.equal(
      maskRunDetails('n1 threw Error in onStart at 0 ms (starter.ts:3:11): boom', 'x'),
      '# threw Error in onStart at # ms (starter.ts:#:#): boom',
    );
  });

  it('counts a list of any length as one item', () => {
    const votes = (voters: string): string => `n4 became leader with granted votes from ${voters} only`;
    const masked = ['n4', 'n4, n5', 'n4, n7, n6'].map((voters) => maskRunDetails(votes(voters), 'x'));
    assert.deepEqual(masked, Array<string>(3).fill('# became leader with granted votes from # only'));
  });
});

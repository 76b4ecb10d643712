import assert from 'node:assert/strict';
import { exercise, passes, scenario } from '../grader/fixtures';
import { withStudentScenarios } from '../../src/grader';
import { savedScenarioPath, savedScenarioText, scenarioNameProblem } from '../../src/extension/core/savedScenario';

const t = (message: string, ...args: string[]): string => message.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');

describe('scenarios saved from the lab bench', () => {
  it('go in scenarios/ beside the student’s file', () => {
    assert.equal(
      savedScenarioPath('distsys/raft-election/starter.ts', 'crash-leader'),
      'distsys/raft-election/scenarios/crash-leader.json',
    );
  });

  it('need a kebab-case name the exercise does not have yet', () => {
    assert.equal(scenarioNameProblem('crash-leader', ['leader-crash'], t), undefined);
    assert.match(scenarioNameProblem('Crash Leader', [], t) ?? '', /Lower-case letters/);
    assert.match(scenarioNameProblem('', [], t) ?? '', /Lower-case letters/);
    assert.equal(
      scenarioNameProblem('leader-crash', ['leader-crash'], t),
      'The exercise already has a scenario named leader-crash',
    );
  });

  it('are written one fault a line, and read back as they were', () => {
    const saved = {
      from: 'steady',
      seed: 4,
      nodes: 3,
      duration: 900,
      faults: [
        { at: 100, kind: 'crash' as const, node: 'n1' },
        { at: 300, kind: 'partition' as const, groups: [['n2'], ['n3']], oneWay: true },
      ],
    };
    const text = savedScenarioText(saved);
    assert.equal(
      text,
      '{\n  "from": "steady",\n  "seed": 4,\n  "nodes": 3,\n  "duration": 900,\n  "faults": [\n' +
        '    {"at":100,"kind":"crash","node":"n1"},\n' +
        '    {"at":300,"kind":"partition","groups":[["n2"],["n3"]],"oneWay":true}\n  ]\n}\n',
    );
    assert.deepEqual(JSON.parse(text), saved);
    const { problems } = withStudentScenarios(
      exercise([scenario({ checkers: [{ ...passes('agrees'), safety: true }] })]),
      [{ file: 'scenarios/mine.json', text }],
    );
    assert.deepEqual(problems, []);
    assert.deepEqual((JSON.parse(savedScenarioText({ ...saved, faults: [] })) as { faults: unknown }).faults, []);
  });
});

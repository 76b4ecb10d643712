import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeExercise, loadStudentModule, runAndCheck, type ScenarioReport } from '../../../src/grader';
import { raftElection } from '../../../lessons/01-raft-election/exercise';
import { buggyVariant, buggyVariantNames } from '../solutions';

const lessonDir = join(__dirname, '../../../lessons/01-raft-election');

function load(path: string): { program: ReturnType<typeof loadStudentModule>; file: string } {
  const file = path.split('/').pop() as string;
  return { program: loadStudentModule(readFileSync(path, 'utf8'), file), file };
}

function gradeOne(path: string, scenario: string, seeds: number): ScenarioReport {
  const { program, file } = load(path);
  return gradeExercise(raftElection, program, file, { seeds, shrink: false, scenario }).scenarios[0] as ScenarioReport;
}

function describeFailure(report: ScenarioReport): string {
  const f = report.failure;
  return f ? `seed ${f.seed}: [${f.checker}] ${f.explanation}` : 'passed';
}

describe('raft-election exercise', () => {
  describe('the reference solution', () => {
    for (const scenario of raftElection.scenarios) {
      it(`passes ${scenario.name} on 200 seeds`, () => {
        const report = gradeOne(join(__dirname, 'reference.ts'), scenario.name, 200);
        assert.equal(report.passed, true, describeFailure(report));
        assert.equal(report.seedsRun, 200);
      });
    }
  });

  describe('buggy variants fail by the scenario and checker that target their mistake', () => {
    const expectations: Record<string, { scenario: string; checker: string }> = {
      'double-vote': { scenario: 'many-elections', checker: 'election-safety' },
      'volatile-voted-for': { scenario: 'restart-after-vote', checker: 'election-safety' },
      'volatile-term': { scenario: 'leader-crash', checker: 'term-monotonic' },
      'fixed-timeout': { scenario: 'initial-election', checker: 'leader-elected' },
      'stale-leader': { scenario: 'paused-leader', checker: 'leader-elected' },
      'slow-heartbeat': { scenario: 'election-count', checker: 'stable-leadership' },
      'no-timer-reset': { scenario: 'initial-election', checker: 'stable-leadership' },
      'vote-counter': { scenario: 'duplicate-messages', checker: 'vote-quorum' },
      'half-is-majority': { scenario: 'many-elections', checker: 'vote-quorum' },
      'wall-clock-timeout': { scenario: 'clock-skew-drift', checker: 'stable-leadership' },
      'chatty-heartbeat': { scenario: 'election-count', checker: 'message-efficiency' },
    };

    it('has an expectation for every variant file', () => {
      assert.deepEqual(buggyVariantNames('raft-election'), Object.keys(expectations).sort());
    });

    for (const [variant, { scenario, checker }] of Object.entries(expectations)) {
      it(`${variant} fails ${scenario} by ${checker}, naming nodes and a time`, () => {
        const { source, file } = buggyVariant('raft-election', variant);
        const report = gradeExercise(raftElection, loadStudentModule(source, file), file, { seeds: 10, shrink: false, scenario }).scenarios[0] as ScenarioReport;
        assert.equal(report.passed, false, `${variant} passed ${scenario} on 10 seeds`);
        const failure = report.failure!;
        assert.equal(failure.checker, checker, describeFailure(report));
        assert.match(failure.explanation, /n\d/);
        assert.match(failure.explanation, /\d+ ms/);
      });
    }
  });

  describe('the starter', () => {
    it('loads, runs without throwing, and fails every scenario', () => {
      const { program, file } = load(join(lessonDir, 'starter.ts'));
      const report = gradeExercise(raftElection, program, file, { seeds: 1, shrink: false });
      assert.equal(report.score, 0);
      for (const s of report.scenarios) {
        assert.equal(s.passed, false, `${s.name} passed`);
        assert.equal(s.failure?.checker, 'leader-elected', describeFailure(s));
      }
    });
  });

  describe('observing state()', () => {
    const grade = (source: string) => {
      const program = loadStudentModule(source, 'node.ts');
      return gradeExercise(raftElection, program, 'node.ts', { seeds: 1, shrink: false, scenario: 'initial-election' }).scenarios[0]!.failure;
    };
    const node = (stateMethod: string) =>
      `export default class Raft { constructor(ctx) {} onStart() {} onMessage() {} onTimer() {} ${stateMethod} }`;

    it('reports a missing state() as an exception that says what to write', () => {
      const failure = grade(node(''));
      assert.equal(failure?.checker, 'exception');
      assert.match(failure!.explanation, /needs a method state\(\): \{ term: number; role: 'follower' \| 'candidate' \| 'leader' \}/);
    });

    it('reports a state() with a bad term or role as an exception that names the field', () => {
      assert.match(grade(node('state() { return { term: -1, role: "follower" }; }'))!.explanation, /term -1; the term must be a whole number ≥ 0/);
      assert.match(grade(node('state() { return { term: 0, role: "boss" }; }'))!.explanation, /role "boss"; the role must be 'follower', 'candidate' or 'leader'/);
      assert.match(grade(node('state() { return 3; }'))!.explanation, /state\(\) returned 3; it must return an object/);
    });
  });

  describe('determinism', () => {
    const { program, file } = load(join(__dirname, 'reference.ts'));
    for (const name of ['many-elections', 'restart-after-vote', 'clock-skew-drift']) {
      it(`gives the same trace hash for the same seed of ${name}`, () => {
        const scenario = raftElection.scenarios.find((s) => s.name === name)!;
        const run = (seed: number) => runAndCheck({ exercise: raftElection, scenario, program, seed, file }).trace.hash();
        assert.equal(run(7), run(7));
        assert.notEqual(run(7), run(8));
      });
    }
  });

  describe('scenarios', () => {
    it('have unique kebab-case names', () => {
      const names = raftElection.scenarios.map((s) => s.name);
      assert.equal(new Set(names).size, names.length);
      for (const name of names) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('are what the lessons\' live simulation blocks name', () => {
      const names = new Set(raftElection.scenarios.map((s) => s.name));
      for (const lesson of ['lesson.md', 'lesson.zh-cn.md']) {
        const blocks = [...readFileSync(join(lessonDir, lesson), 'utf8').matchAll(/^```sim (.*)$/gm)].map((m) => m[1] as string);
        assert.ok(blocks.length >= 2, `${lesson} has ${blocks.length} simulation blocks`);
        for (const info of blocks) {
          const match = /^exercise=raft-election scenario=([a-z0-9-]+) seed=\d+$/.exec(info);
          assert.ok(match && names.has(match[1] as string), `${lesson}: ${info}`);
        }
      }
    });

    it('each describe themselves in one sentence', () => {
      for (const s of raftElection.scenarios) assert.match(s.description, /^[A-Z0-9][^.]*(\.[^ ][^.]*)*\.$/, s.name);
    });
  });
});

import assert from 'node:assert/strict';
import { gradeExercise, loadStudentModule, runAndCheck } from '../../../src/grader';
import { failureDetector } from '../../../lessons/05-failure-detection/exercise';
import { accuracyAfterHeal, completeness } from '../../../lessons/05-failure-detection/checkers';
import type { FaultSchedule } from '../../../src/kernel';
import { referenceSolution } from '../solutions';

/** What is particular to failure-detector; what every exercise must satisfy is in ../conformance.test.ts. */
describe('failure-detector exercise', () => {
  const grade = (source: string, scenario: string) =>
    gradeExercise(failureDetector, loadStudentModule(source, 'solution.ts'), 'solution.ts', {
      scenario,
      seeds: 3,
      shrink: false,
    }).scenarios[0];

  /** The reference with one line changed. */
  const changed = (from: string, to: string): string => {
    const { source } = referenceSolution('failure-detector');
    assert.ok(source.includes(from), `the reference has ${from}`);
    return source.replace(from, to);
  };

  it('names the call and the cluster when a node suspects itself or a node that does not exist', () => {
    const self = changed('onStart(): void {\n', 'onStart(): void {\n    this.ctx.suspect(this.ctx.id);\n');
    assert.match(
      grade(self, 'calm')?.failure?.explanation ?? '',
      /suspect\("n1"\) at n1: a node does not watch itself/,
    );
    const stranger = changed('onStart(): void {\n', 'onStart(): void {\n    this.ctx.trust("n9");\n');
    assert.match(
      grade(stranger, 'calm')?.failure?.explanation ?? '',
      /trust\("n9"\) at n1: a peer is one of the cluster's nodes \(n1, n2, n3\)/,
    );
  });

  it('records a change of mind once: calling suspect twice for one peer is one suspicion', () => {
    const twice = changed(
      '    this.ctx.suspect(name.slice("silent:".length));\n',
      '    this.ctx.suspect(name.slice("silent:".length));\n    this.ctx.suspect(name.slice("silent:".length));\n',
    );
    const scenario = failureDetector.scenarios.find((s) => s.name === 'crashes-detected')!;
    const suspicions = (source: string): number => {
      const { trace, failure } = runAndCheck({
        exercise: failureDetector,
        scenario,
        program: loadStudentModule(source, 'solution.ts'),
        seed: 1,
        file: 'solution.ts',
      });
      assert.equal(failure, undefined);
      return [...trace.ofKind('report')].filter((e) => 'suspect' in e.data).length;
    };
    const once = suspicions(referenceSolution('failure-detector').source);
    assert.ok(once >= 4, 'each survivor suspects each crashed node');
    assert.equal(suspicions(twice), once);
  });

  it('excuses suspicions across a partition, and still asks for trust once it heals', () => {
    assert.equal(grade(referenceSolution('failure-detector').source, 'partitions-heal')?.passed, true);
  });

  it('counts a crashed node trusted again, without a word from it, as a detection that did not last', () => {
    const forgets = changed(
      '    this.ctx.suspect(name.slice("silent:".length));\n',
      '    const peer = name.slice("silent:".length);\n    if (name.startsWith("silent:")) { this.ctx.suspect(peer); this.ctx.setTimer(`forget:${peer}`, 100); return; }\n    this.ctx.trust(name.slice("forget:".length));\n',
    );
    const failure = grade(forgets, 'crashes-detected')?.failure;
    assert.equal(failure?.checker, 'completeness');
    assert.match(
      failure?.explanation ?? '',
      /did not suspect it for good by 3000 ms \(it trusted it again at \d+ ms though it was still down\)/,
    );
  });

  it('states the measured figure and its limit when a run passes, not only when it fails', () => {
    const { source, file } = referenceSolution('failure-detector');
    const scenario = failureDetector.scenarios.find((s) => s.name === 'crashes-detected')!;
    const run = runAndCheck({
      exercise: failureDetector,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    const verdicts = scenario.checkers.map((c) =>
      c.check({
        trace: run.trace,
        result: run.result,
        nodes: run.run.nodes,
        faults: run.run.faults,
        workload: [],
        duration: run.run.duration,
      }),
    );
    const detection = verdicts[1];
    assert.equal(detection?.ok, true);
    assert.ok(
      detection?.measurement !== undefined && detection.measurement.value > 0 && detection.measurement.value <= 700,
    );
    assert.deepEqual(
      verdicts.map((v) => v.measurement?.checker),
      ['false-suspicions', 'completeness', undefined, 'efficiency'],
    );
  });

  /** The reference in the calm scenario under a schedule of its own, as a scenario saved from the lab bench is. */
  const underSchedule = (faults: FaultSchedule, duration: number) => {
    const { source, file } = referenceSolution('failure-detector');
    const calm = failureDetector.scenarios.find((s) => s.name === 'calm')!;
    const scenario = { ...calm, faults, duration, checkers: [completeness, accuracyAfterHeal] };
    return runAndCheck({
      exercise: failureDetector,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
  };

  it("counts detection from the crashed node's last message to arrive, so a network slowed by hand excuses a late one", () => {
    // Heartbeats n3 sent just before it crashed arrive 900 ms late and restart the watchers' timers.
    const run = underSchedule(
      [
        { at: 1100, kind: 'delaySpike', extraMs: 900, ms: 2400 },
        { at: 1200, kind: 'crash', node: 'n3' },
      ],
      3500,
    );
    assert.equal(run.failure, undefined, run.failure?.explanation);
    const late = [...run.trace.ofKind('deliver')].filter((e) => e.peer === 'n3' && e.time > 2000);
    assert.ok(late.length > 0, 'a heartbeat from n3 arrives long after its crash');
    const figure = run.measurements.find((m) => m.checker === 'completeness');
    assert.ok(figure !== undefined && figure.value <= 700, JSON.stringify(figure));
  });

  it('excuses suspecting across a partition that never heals, and still asks for trust where messages get through', () => {
    assert.equal(underSchedule([{ at: 500, kind: 'partition', groups: [['n1']] }], 3000).failure, undefined);
    const never = changed('    this.ctx.trust(from);\n', '');
    const run = runAndCheck({
      exercise: failureDetector,
      scenario: {
        ...failureDetector.scenarios.find((s) => s.name === 'calm')!,
        faults: [
          { at: 500, kind: 'partition', groups: [['n1']] },
          { at: 1000, kind: 'partition', groups: [['n2']] },
        ],
        duration: 3000,
        checkers: [accuracyAfterHeal],
      },
      program: loadStudentModule(never, 'solution.ts'),
      seed: 1,
      file: 'solution.ts',
    });
    // n1 rejoined n3 at 1000 ms: a node that never trusts again still suspects it.
    assert.match(run.failure?.explanation ?? '', /suspected n1|n1 suspected n3|n3 suspected n1/);
  });
});

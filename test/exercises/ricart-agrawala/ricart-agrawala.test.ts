import assert from 'node:assert/strict';
import { describeMeasurement, gradeExercise, loadStudentModule, runAndCheck, type Scenario } from '../../../src/grader';
import type { FaultSchedule } from '../../../src/kernel';
import { everyWantServed, messagesPerEntry, SERVED_WITHIN_MS } from '../../../lessons/04-mutual-exclusion/checkers';
import { ricartAgrawala } from '../../../lessons/04-mutual-exclusion/exercise';
import { buggyVariant, referenceSolution } from '../solutions';

/** What is particular to ricart-agrawala; what every exercise must satisfy is in ../conformance.test.ts. */
describe('ricart-agrawala exercise', () => {
  const grade = (source: string, scenario: string) =>
    gradeExercise(ricartAgrawala, loadStudentModule(source, 'solution.ts'), 'solution.ts', {
      scenario,
      seeds: 3,
      shrink: false,
    }).scenarios[0];

  it('passes a crash that never heals as the algorithm blocking, naming who waits for whom', () => {
    const report = grade(referenceSolution('ricart-agrawala').source, 'crash-blocks-everyone');
    assert.equal(report?.passed, true);
    assert.match(report?.notes?.join(' ') ?? '', /Request with ts \d+ \(sent at \d+ ms\) waits for n4/);
    assert.match(report?.notes?.join(' ') ?? '', /failure detector/);
  });

  it('asks every want to be served only once the faults heal, SERVED_WITHIN_MS before the end', () => {
    const base = ricartAgrawala.scenarios.find((s) => s.name === 'partition-heals') as Scenario;
    const { source, file } = buggyVariant('ricart-agrawala', 'no-resend');
    const served = (faults: FaultSchedule) => {
      const scenario: Scenario = { ...base, name: 'cut', checkers: [everyWantServed], faults };
      const exercise = { ...ricartAgrawala, scenarios: [scenario] };
      return gradeExercise(exercise, loadStudentModule(source, file), file, { seeds: 3, shrink: false }).scenarios[0];
    };
    const cut: FaultSchedule = [
      {
        at: 50,
        kind: 'partition',
        groups: [
          ['n1', 'n2'],
          ['n3', 'n4'],
        ],
      },
    ];
    assert.equal(served(cut)?.passed, true);
    assert.equal(served([...cut, { at: base.duration - SERVED_WITHIN_MS + 10, kind: 'heal' }])?.passed, true);
    assert.equal(served([...cut, { at: 400, kind: 'heal' }])?.failure?.checker, 'every-want-served');
  });

  it('measures the messages per entry of a passing run against 2(n−1)', () => {
    const { source, file } = referenceSolution('ricart-agrawala');
    const scenario = ricartAgrawala.scenarios.find((s) => s.name === 'calm-requests')!;
    const { trace, result, run } = runAndCheck({
      exercise: ricartAgrawala,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    const verdict = messagesPerEntry.check({ trace, result, ...run });
    assert.ok(verdict.ok && verdict.measurement);
    assert.match(describeMeasurement(verdict.measurement), /^6 messages between nodes per entry, at most 6 allowed$/);
  });

  it('rejects entering without asking, even when no one else wants in', () => {
    const source = `export default class {
      constructor(ctx) { this.ctx = ctx; }
      onStart() {}
      onMessage(from, msg) {
        if (msg.type !== "want" || this.inside) return;
        this.inside = true;
        this.ctx.enter();
        this.ctx.setTimer("leave", msg.holdMs);
      }
      onTimer() { this.inside = false; this.ctx.exit(); }
    }`;
    const failure = grade(source, 'calm-requests')?.failure;
    assert.equal(failure?.checker, 'timestamp-order');
    assert.match(failure?.explanation ?? '', /without sending a Request since it booted/);
  });
});

import assert from 'node:assert/strict';
import { gradeExercise, loadStudentModule, type Scenario } from '../../../src/grader';
import type { FaultSchedule } from '../../../src/kernel';
import { causalBroadcast } from '../../../lessons/03-clocks-and-order/exercise';
import { agreement, SETTLE_MS } from '../../../lessons/03-clocks-and-order/checkers';
import { compareClocks } from '../../../lessons/03-clocks-and-order/causality';
import { buggyVariant, referenceSolution } from '../solutions';

/** What is particular to causal-broadcast; what every exercise must satisfy is in ../conformance.test.ts. */
describe('causal-broadcast exercise', () => {
  const grade = (source: string, scenario: string) =>
    gradeExercise(causalBroadcast, loadStudentModule(source, 'solution.ts'), 'solution.ts', {
      scenario,
      seeds: 3,
      shrink: false,
    }).scenarios[0];

  /** The reference with one piece changed. */
  const changed = (from: string, to: string): string => {
    const { source } = referenceSolution('causal-broadcast');
    assert.ok(source.includes(from), `the reference has ${from}`);
    return source.replace(from, to);
  };

  it('names the call, the node and the entry when a clock is not node → whole count', () => {
    const stranger = changed('this.ctx.deliver(m.id, m.clock);', 'this.ctx.deliver(m.id, { ...m.clock, n9: 1 });');
    assert.match(
      grade(stranger, 'calm')?.failure?.explanation ?? '',
      /deliver\("m\d+", …\) at n\d: the clock names "n9", which is none of the cluster's nodes \(n1, n2, n3\)/,
    );
    const fraction = changed('this.ctx.deliver(m.id, m.clock);', 'this.ctx.deliver(m.id, { n1: 0.5 });');
    assert.match(
      grade(fraction, 'calm')?.failure?.explanation ?? '',
      /the clock's entry for n1 is 0.5, not a whole number ≥ 0/,
    );
  });

  it('reads missing clock entries as 0: a node may leave out the nodes it has heard nothing from', () => {
    const sparse = changed(
      'this.ctx.deliver(m.id, m.clock);',
      'this.ctx.deliver(m.id, Object.fromEntries(Object.entries(m.clock).filter(([, c]) => c > 0)));',
    );
    assert.equal(grade(sparse, 'lossy-reordering')?.passed, true);
  });

  it('fails validity when the node asked to broadcast leaves its own delivery to a later handler', () => {
    const late = changed('    this.deliver(message);\n', '');
    assert.match(
      grade(late, 'calm')?.failure?.explanation ?? '',
      /validity: n\d was asked to broadcast m\d+ at \d+ ms and did not deliver it in that handler/,
    );
  });

  it('asks agreement only of a message with SETTLE_MS of calm before the end, and nothing across a partition in force', () => {
    const calm = causalBroadcast.scenarios.find((s) => s.name === 'calm') as Scenario;
    const broadcastAt = (at: number) => [{ at, to: 'n1', msg: { type: 'broadcast', id: 'm1' } }];
    const agreed = (
      name: string,
      faults: FaultSchedule,
      at: number,
      solution = referenceSolution('causal-broadcast'),
    ) => {
      const scenario: Scenario = { ...calm, name, checkers: [agreement], faults, workload: broadcastAt(at) };
      const program = loadStudentModule(solution.source, solution.file);
      return gradeExercise({ ...causalBroadcast, scenarios: [scenario] }, program, solution.file, {
        seeds: 2,
        shrink: false,
      }).scenarios[0];
    };
    const cutOff: FaultSchedule = [{ at: 0, kind: 'partition', groups: [['n3']] }];
    assert.equal(agreed('never-healed', cutOff, 50)?.passed, true);
    const healedLate: FaultSchedule = [...cutOff, { at: calm.duration - SETTLE_MS + 10, kind: 'heal' }];
    assert.equal(agreed('healed-too-late', healedLate, 50)?.passed, true);
    assert.equal(agreed('sent-too-late', [], calm.duration - SETTLE_MS + 10)?.passed, true);
    // Healed in time: a node that never resends leaves n3 without m1.
    const healed: FaultSchedule = [...cutOff, { at: 100, kind: 'heal' }];
    assert.equal(agreed('healed', healed, 50)?.passed, true);
    assert.match(
      agreed('healed', healed, 50, buggyVariant('causal-broadcast', 'no-resend'))?.failure?.explanation ?? '',
      /agreement: n3 never delivered m1/,
    );
  });

  it('compares vector clocks entry by entry, a missing entry counting as 0', () => {
    assert.equal(compareClocks({ n1: 1 }, { n1: 1, n2: 1 }), 'before');
    assert.equal(compareClocks({ n1: 2, n2: 0 }, { n1: 1 }), 'after');
    assert.equal(compareClocks({ n1: 1, n2: 0 }, { n1: 1 }), 'equal');
    assert.equal(compareClocks({ n1: 1 }, { n2: 1 }), 'concurrent');
  });
});

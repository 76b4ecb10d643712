import assert from 'node:assert/strict';
import { lastWriterWins, LwwReplica } from '../../lessons/03-clocks-and-order/lastWriterWins';
import { runAndCheck } from '../../src/grader';
import type { NodeClass } from '../../src/kernel';

describe('lesson 03: last writer wins on physical clocks', () => {
  const run = (name: string, program: NodeClass = LwwReplica) =>
    runAndCheck({
      exercise: lastWriterWins,
      scenario: lastWriterWins.scenarios.find((s) => s.name === name)!,
      program,
      seed: 1,
      file: 'last-writer-wins.ts',
    });

  it('keeps the write made last when the clocks agree', () => {
    const { failure, notes } = run('clocks-agree');
    assert.equal(failure, undefined);
    assert.deepEqual(notes, ['every replica keeps b, the write made last, at 150 ms']);
  });

  it("loses the later write when its replica's clock is behind, and says so", () => {
    const { failure, notes } = run('slow-clock');
    assert.equal(failure, undefined);
    assert.match(notes.join('\n'), /every replica keeps a: b, written later at 150 ms to n2, is lost/);
  });

  it('fails a model whose replicas do not pass writes on, naming what each holds', () => {
    class KeepsToItself extends LwwReplica {
      override onMessage(from: string, msg: Parameters<LwwReplica['onMessage']>[1]): void {
        if (msg.type === 'write') super.onMessage(from, msg);
      }
    }
    const { failure } = run('clocks-agree', KeepsToItself);
    assert.match(failure?.explanation ?? '', /the replicas disagree: n1 holds a, n2 holds b, n3 holds nothing/);
  });
});

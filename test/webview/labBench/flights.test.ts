import assert from 'node:assert/strict';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { loadStudentModule } from '../../../src/grader';
import { Trace, type Choice } from '../../../src/kernel';
import { choiceKey, copyKey, sendsOf } from '../../../src/webview/labBench/flights';
import type { LiveUpdate } from '../../../src/webview/labBench/liveRun';
import { SteppedRun } from '../../../src/webview/labBench/steppedRun';
import { referenceSolution } from '../../exercises/solutions';

const reference = referenceSolution('raft-election');
const program = loadStudentModule(reference.source, reference.file);

/** A stepped run and the page's copy of its trace, grown as the page grows it. */
function stepped(): { take(kind: Choice['kind']): LiveUpdate; trace: Trace } {
  const run = new SteppedRun(
    raftElection,
    program,
    reference.file,
    {
      kind: 'setup',
      setup: { from: 'initial-election', seed: 1, duration: 8000, added: [] },
    },
    [],
  );
  const trace = new Trace(run.header);
  let update = run.opened();
  const grow = (u: LiveUpdate): LiveUpdate => {
    for (const [time, kind, node, peer, link, data] of u.events)
      trace.record(time, kind, node, peer, link, data ?? undefined);
    return u;
  };
  grow(update);
  return {
    trace,
    take: (kind) => {
      const choice = update.step?.choices.find((c) => c.kind === kind);
      assert.ok(choice, `a ${kind} is offered`);
      update = grow(run.take(choice));
      return update;
    },
  };
}

describe('the bench’s lines in flight and the choices that name them', () => {
  it('matches each deliver, drop and duplicate choice to the send of its message, both ways', () => {
    const run = stepped();
    const update = run.take('timer');
    const offered = update.step?.choices ?? [];
    const messages = offered.filter((c) => c.kind === 'deliver');
    assert.equal(messages.length, 2, 'a candidate asks both others for a vote');
    for (const choice of offered) {
      const key = choiceKey(choice);
      if (choice.kind !== 'deliver' && choice.kind !== 'drop' && choice.kind !== 'duplicate') {
        assert.equal(key, undefined);
        continue;
      }
      const [send, ...more] = sendsOf(run.trace, update.inFlight, key!);
      assert.equal(more.length, 0);
      assert.equal(run.trace.event(send!).kind, 'send');
      assert.equal(run.trace.event(send!).peer, choice.to);
      const copy = update.inFlight.find((m) => m.send === send)!;
      assert.equal(copyKey(run.trace, copy), key, 'the line leads back to the choice');
    }
  });

  it('gives a duplicated message’s two copies one send, as the kernel gives them one choice', () => {
    const run = stepped();
    run.take('timer');
    const update = run.take('duplicate');
    const deliver = update.step?.choices.find(
      (c) => c.kind === 'deliver' && update.inFlight.filter((m) => m.to === c.to).length === 2,
    );
    assert.ok(deliver, 'the copied message is offered once');
    assert.equal(sendsOf(run.trace, update.inFlight, choiceKey(deliver)!).length, 1);
  });
});

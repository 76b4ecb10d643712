import assert from 'node:assert/strict';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { exploreExercise, loadStudentModule } from '../../../src/grader';
import type { Choice } from '../../../src/kernel';
import type { BenchSetup, LiveUpdate } from '../../../src/webview/labBench/liveRun';
import { BENCH_BUDGET, SteppedRun, type StepOrigin } from '../../../src/webview/labBench/steppedRun';
import { buggyVariant, referenceSolution } from '../../exercises/solutions';

const reference = referenceSolution('raft-election');
const program = loadStudentModule(reference.source, reference.file);
const setup: BenchSetup = { from: 'initial-election', seed: 3, duration: 8000, added: [] };
const origin: StepOrigin = { kind: 'setup', setup };

function offered(update: LiveUpdate): Choice[] {
  assert.ok(update.step, 'a stepped run says what may happen next');
  return update.step.choices;
}

function pick(update: LiveUpdate, kind: Choice['kind']): Choice {
  const choice = offered(update).find((c) => c.kind === kind);
  assert.ok(
    choice,
    `a ${kind} is offered among ${offered(update)
      .map((c) => c.kind)
      .join(', ')}`,
  );
  return choice;
}

describe('the bench in step mode', () => {
  it('offers the kernel’s choices: a message dropped and another duplicated by hand, within the budget', () => {
    const run = new SteppedRun(raftElection, program, reference.file, origin, []);
    let update = run.opened();
    assert.equal(update.from, 0);
    assert.ok(update.events.length > 0, 'every node started');
    assert.deepEqual(
      [...new Set(offered(update).map((c) => c.kind))],
      ['timer', 'crash'],
      'at first nothing is in flight: timers may fire and nodes crash',
    );
    const kinds: string[] = [];
    for (const kind of ['timer', 'drop', 'duplicate'] as const) {
      update = run.take(pick(update, kind));
      kinds.push(...update.events.map(([, k]) => k));
    }
    assert.deepEqual(update.step?.spent, { crashes: 0, drops: 1, duplicates: 1 });
    assert.deepEqual(update.step?.budget, BENCH_BUDGET);
    assert.ok(kinds.includes('drop') && kinds.includes('duplicate'), kinds.join(', '));
  });

  it('says which messages are in flight, by their sends in the trace: each offered choice’s message is one', () => {
    const run = new SteppedRun(raftElection, program, reference.file, origin, []);
    const opened = run.opened();
    assert.deepEqual(opened.inFlight, [], 'nothing is sent before a timer fires');
    const update = run.take(pick(opened, 'timer'));
    const events = [...opened.events, ...update.events];
    const candidate = update.inFlight[0]?.from;
    const sends = update.inFlight.map((m) => {
      const [, kind, , , , data] = events[m.send] ?? [];
      return `${kind} ${(data as { type?: string } | undefined)?.type} from ${m.from}`;
    });
    assert.deepEqual(sends, [`send RequestVote from ${candidate}`, `send RequestVote from ${candidate}`]);
    assert.equal(new Set(update.inFlight.map((m) => m.to)).size, 2, 'one to each other node');
    const delivers = offered(update).filter((c) => c.kind === 'deliver');
    assert.deepEqual(
      delivers.map((c) => c.event).sort(),
      update.inFlight.map((m) => m.event).sort(),
      'a deliver choice names a copy in flight',
    );
    const delivered = run.take(delivers[0]!);
    assert.equal(delivered.inFlight.filter((m) => m.event === delivers[0]!.event).length, 0);
  });

  it('stops offering a fault once its budget is spent; a crashed node may restart', () => {
    const run = new SteppedRun(raftElection, program, reference.file, origin, []);
    let update = run.take(pick(run.opened(), 'crash'));
    update = run.take(pick(update, 'crash'));
    assert.equal(update.step?.spent.crashes, BENCH_BUDGET.crashes);
    assert.ok(!offered(update).some((c) => c.kind === 'crash'));
    assert.equal(offered(update).filter((c) => c.kind === 'restart').length, 2);
  });

  it('goes back by replaying one choice fewer: the same run as before the last choice', () => {
    const taken: Choice[] = [];
    const run = new SteppedRun(raftElection, program, reference.file, origin, []);
    let update = run.opened();
    const before: LiveUpdate[] = [];
    for (let i = 0; i < 8; i++) {
      // Always the last choice listed: messages out of order, timers early, a crash on the way.
      const choice = offered(update)[offered(update).length - 1];
      assert.ok(choice);
      taken.push(choice);
      update = run.take(choice);
      before.push(update);
    }
    const all = new SteppedRun(raftElection, program, reference.file, origin, taken).opened();
    const back = new SteppedRun(raftElection, program, reference.file, origin, taken.slice(0, -1)).opened();
    const events = (u: LiveUpdate): unknown[] => u.events.map((e) => JSON.stringify(e));
    const whole = new SteppedRun(raftElection, program, reference.file, origin, []);
    const seen = [whole.opened(), ...taken.map((c) => whole.take(c))].flatMap(events);
    assert.deepEqual(events(all), seen);
    assert.deepEqual(events(back), seen.slice(0, events(back).length));
    assert.ok(events(back).length < events(all).length);
    assert.deepEqual(back.step?.choices, before[before.length - 2]?.step?.choices);
  });

  it('opens the search’s shortest path to a violation at the violating step, with the checker’s words', () => {
    const buggy = buggyVariant('raft-election', 'double-vote');
    const doubleVote = loadStudentModule(buggy.source, buggy.file);
    const found = exploreExercise(raftElection, doubleVote, buggy.file).violation;
    assert.ok(found, 'the search finds double-vote');
    const update = new SteppedRun(raftElection, doubleVote, buggy.file, { kind: 'explore' }, found.choices).opened();
    assert.ok(update.violation, 'the violation is there at the last choice');
    assert.equal(update.violation.checker, found.failure.checker);
    assert.deepEqual(offered(update), [], 'nothing more to choose past a violation');
    const before = new SteppedRun(
      raftElection,
      doubleVote,
      buggy.file,
      { kind: 'explore' },
      found.choices.slice(0, -1),
    );
    assert.equal(before.opened().violation, undefined, 'one step earlier the rules hold');
  });
});

import assert from 'node:assert/strict';
import type { SeedFailure } from '../../src/grader';
import { parseSeed } from '../../src/extension/core/seed';
import { replayOf, submissionNote } from '../../src/extension/core/traceReplay';
import type { Translate } from '../../src/extension/core/translate';
import type { FaultSchedule } from '../../src/kernel';

const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const faults: FaultSchedule = [
  { at: 100, kind: 'crash', node: 'n1' },
  { at: 200, kind: 'restart', node: 'n1' },
  { at: 300, kind: 'crash', node: 'n2' },
  { at: 400, kind: 'restart', node: 'n2' },
];
const failure: SeedFailure = {
  checker: 'leader-elected',
  property: 'a leader is elected',
  explanation: 'no leader by 2000 ms',
  at: 2000,
  seed: 5,
  faults,
  duration: 7972,
};

describe('extension: the run Open Trace replays', () => {
  it('is the shrunk run when shrinking kept less, as the message reports it', () => {
    const kept = faults.slice(0, 2);
    const shrunk = { faults: kept, duration: 383, originalFaults: 4, originalDuration: 7972, runs: 30 };
    assert.deepEqual(replayOf({ ...failure, shrunk }), { seed: 5, faults: kept, duration: 383, shrunk: true });
  });

  it('is the run as graded when shrinking kept everything, or did not run', () => {
    const same = { faults, duration: 7972, originalFaults: 4, originalDuration: 7972, runs: 9 };
    const graded = { seed: 5, faults, duration: 7972, shrunk: false };
    assert.deepEqual(replayOf({ ...failure, shrunk: same }), graded);
    assert.deepEqual(replayOf(failure), graded);
  });

  it('notes the submission only when the file is no longer what was graded', () => {
    assert.equal(submissionNote('class A {}', 'class A {}', t), undefined);
    assert.match(submissionNote('class A {}', 'class A { x = 1 }', t) ?? '', /as graded.*changed since/);
    assert.match(submissionNote('class A {}', undefined, t) ?? '', /gone/);
  });
});

describe('extension: a seed typed by the student', () => {
  it('is a whole number from 0, spaces around allowed', () => {
    assert.equal(parseSeed(' 42 '), 42);
    assert.equal(parseSeed('0'), 0);
    for (const bad of ['', '-1', '1.5', '1e3', 'seven', '99999999999999999999'])
      assert.equal(parseSeed(bad), undefined, bad);
  });
});

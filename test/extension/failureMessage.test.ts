import assert from 'node:assert/strict';
import type { SeedFailure } from '../../src/grader';
import { failureMessage, loadErrorMessage } from '../../src/extension/core/failureMessage';
import type { Translate } from '../../src/extension/core/translate';

/** Fills placeholders the way vscode.l10n.t does for English. */
const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const file = 'distsys/raft-election/starter.ts';
const failure: SeedFailure = {
  checker: 'election-safety',
  property: 'at most one leader per term',
  explanation: 'two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms',
  seed: 7,
  faults: [],
  duration: 5000,
};

describe('extension: failures as test messages', () => {
  it('points at the top of the file when the failure has no location', () => {
    const message = failureMessage(failure, file, t);
    assert.deepEqual({ line: message.line, column: message.column }, { line: 0, column: 0 });
    assert.equal(
      message.text,
      'two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms\nProperty: at most one leader per term (checker election-safety)\nFailing seed: 7',
    );
  });

  it('points at the student line and column, 0-based, with the stack below the explanation', () => {
    const thrown: SeedFailure = {
      ...failure,
      checker: 'exception',
      location: { file, line: 42, column: 7 },
      stack: 'TypeError: x is undefined\n    at onTimer (distsys/raft-election/starter.ts:42:7)',
    };
    const message = failureMessage(thrown, file, t);
    assert.deepEqual({ line: message.line, column: message.column }, { line: 41, column: 6 });
    assert.match(message.text, /\n\nTypeError: x is undefined\n {4}at onTimer/);
  });

  it('ignores a location in another file', () => {
    const elsewhere: SeedFailure = { ...failure, location: { file: 'other.ts', line: 9, column: 1 } };
    assert.equal(failureMessage(elsewhere, file, t).line, 0);
  });

  it('says what shrinking kept, and nothing when it kept everything', () => {
    const shrunk = {
      ...failure,
      shrunk: { faults: [], duration: 1600, originalFaults: 4, originalDuration: 5000, runs: 12 },
    };
    assert.match(failureMessage(shrunk, file, t).text, /Shrunk to 0 of 4 faults and 1600 ms of 5000 ms/);
    const same = {
      ...failure,
      shrunk: { faults: [], duration: 5000, originalFaults: 0, originalDuration: 5000, runs: 1 },
    };
    assert.doesNotMatch(failureMessage(same, file, t).text, /Shrunk/);
  });

  it("adds the scenario's measured figures, each with its limit, after the seed", () => {
    const message = failureMessage(failure, file, t, [
      {
        checker: 'messages-per-broadcast',
        figure: 'messages per broadcast',
        value: 42.26,
        limit: 30,
        bound: 'at-most',
        digits: 1,
        runs: 1,
      },
    ]);
    assert.match(
      message.text,
      /\nFailing seed: 7\nMeasured: 42\.3 messages per broadcast \(1 run\), at most 30 allowed$/,
    );
  });

  it('places a load error at its line, or at the top when it has none', () => {
    assert.deepEqual(
      loadErrorMessage(
        { message: `${file}:3:5: syntax error: Unexpected token`, location: { file, line: 3, column: 5 } },
        file,
      ),
      {
        text: `${file}:3:5: syntax error: Unexpected token`,
        line: 2,
        column: 4,
      },
    );
    assert.deepEqual(loadErrorMessage({ message: 'must `export default` the node class' }, file), {
      text: 'must `export default` the node class',
      line: 0,
      column: 0,
    });
  });
});

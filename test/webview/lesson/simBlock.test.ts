import assert from 'node:assert/strict';
import { parseSimAttributes } from '../../../src/webview/lesson/simBlock';

function errorsOf(text: string): string[] {
  const parsed = parseSimAttributes(text);
  assert.equal(parsed.ok, false, `expected "${text}" to be rejected`);
  return parsed.ok ? [] : parsed.errors;
}

describe('sim block attributes', () => {
  it('reads the required attributes', () => {
    assert.deepEqual(parseSimAttributes('exercise=raft-election scenario=leader-crash seed=7'), {
      ok: true,
      attributes: { exercise: 'raft-election', scenario: 'leader-crash', seed: 7 },
    });
  });

  it('accepts attributes in any order, with extra spaces', () => {
    assert.deepEqual(parseSimAttributes('  seed=0   scenario=happy-path exercise=two-phase-commit '), {
      ok: true,
      attributes: { exercise: 'two-phase-commit', scenario: 'happy-path', seed: 0 },
    });
  });

  it('reads the optional height and node list', () => {
    const parsed = parseSimAttributes('nodes=n1,n3 exercise=e scenario=s seed=4294967295 height=320');
    assert.deepEqual(parsed, {
      ok: true,
      attributes: { exercise: 'e', scenario: 's', seed: 4294967295, height: 320, nodes: ['n1', 'n3'] },
    });
  });

  it('reads the window the diagram opens on, and rejects one that is empty or backwards', () => {
    assert.deepEqual(parseSimAttributes('exercise=e scenario=s seed=1 window=250-450'), {
      ok: true,
      attributes: { exercise: 'e', scenario: 's', seed: 1, window: { start: 250, end: 450 } },
    });
    for (const bad of ['450-250', '300-300', '250', '-5-10', 'a-b'])
      assert.deepEqual(errorsOf(`exercise=e scenario=s seed=1 window=${bad}`), [
        `window=${bad} must be two whole milliseconds, the first smaller, like window=250-450`,
      ]);
  });

  it('names every missing required attribute', () => {
    assert.deepEqual(errorsOf('exercise=raft-election'), ['missing scenario=', 'missing seed=']);
    assert.deepEqual(errorsOf(''), ['missing exercise=', 'missing scenario=', 'missing seed=']);
  });

  it('rejects seeds that are not whole numbers in the 32-bit range', () => {
    for (const seed of ['-1', '1.5', 'x', '', '4294967296', '1e3']) {
      assert.match(
        errorsOf(`exercise=e scenario=s seed=${seed}`).join(),
        /^seed=.* must be a whole number from 0 to 4294967295$/,
      );
    }
  });

  it('rejects ids that are not kebab-case', () => {
    assert.match(
      errorsOf('exercise=Raft_Election scenario=s seed=1').join(),
      /exercise=Raft_Election is not an exercise id/,
    );
    assert.match(
      errorsOf('exercise=e scenario=leader--crash seed=1').join(),
      /scenario=leader--crash is not a scenario name/,
    );
  });

  it('rejects unknown, repeated and bare attributes', () => {
    assert.match(
      errorsOf('exercise=e scenario=s seed=1 sede=2').join(),
      /^unknown attribute sede= \(known: exercise= scenario= seed= height= nodes= window=\)$/,
    );
    assert.deepEqual(errorsOf('exercise=e scenario=s seed=1 seed=2'), ['seed= given twice']);
    assert.deepEqual(errorsOf('exercise=e scenario=s seed=1 autoplay'), ['expected name=value, found "autoplay"']);
  });

  it('rejects heights outside the drawable range and malformed node lists', () => {
    assert.match(
      errorsOf('exercise=e scenario=s seed=1 height=20').join(),
      /height=20 must be a whole number from 120 to 1200/,
    );
    assert.match(
      errorsOf('exercise=e scenario=s seed=1 nodes=n1,,n2').join(),
      /nodes=n1,,n2 must be distinct node ids/,
    );
    assert.match(errorsOf('exercise=e scenario=s seed=1 nodes=n1,n1').join(), /must be distinct node ids/);
  });
});

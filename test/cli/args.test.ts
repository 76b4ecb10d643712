import assert from 'node:assert/strict';
import { integerFlag, parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';
import { environmentLanguage } from '../../src/cli/language';
import { editDistance, nearest } from '../../src/cli/suggest';

const spec = { values: ['seed', 'seeds', 'file'], switches: ['json', 'no-shrink'] };

describe('distsys arguments', () => {
  it('reads --flag value, --flag=value, switches and positionals', () => {
    const parsed = parseArgs(['raft', '--seed', '3', '--file=a.ts', '--json'], 'grade', spec);
    assert.deepEqual(parsed.positionals, ['raft']);
    assert.deepEqual(
      [...parsed.values],
      [
        ['seed', '3'],
        ['file', 'a.ts'],
      ],
    );
    assert.deepEqual([...parsed.switches], ['json']);
  });

  it('refuses an unknown flag, suggesting the nearest known one', () => {
    assert.throws(
      () => parseArgs(['--sede', '3'], 'grade', spec),
      new UsageError('unknown flag --sede for distsys grade; did you mean --seed? (distsys help shows all)'),
    );
  });

  it('refuses a flag whose value is missing, also when the next word is another flag', () => {
    assert.throws(() => parseArgs(['--seed'], 'grade', spec), /--seed needs a value/);
    assert.throws(() => parseArgs(['--file', '--json'], 'grade', spec), /--file needs a value/);
    assert.throws(() => parseArgs(['--json=yes'], 'grade', spec), /--json takes no value/);
  });

  it('reads integers in range and refuses anything else, quoting it', () => {
    const of = (text: string): number | undefined =>
      integerFlag(parseArgs(['--seed', text], 'run', spec), 'seed', 0, 0xffffffff);
    assert.equal(of('0'), 0);
    assert.equal(of('4294967295'), 4294967295);
    for (const bad of ['-1', '1.5', '1e3', 'seven', '4294967296'])
      assert.throws(() => of(bad), new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${bad}"`));
  });
});

describe('distsys language from the environment', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG, and falls back to English', () => {
    assert.equal(environmentLanguage({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(environmentLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(environmentLanguage({ LC_ALL: '', LC_MESSAGES: 'zh_CN', LANG: 'en_GB' }), 'zh-cn');
    assert.equal(environmentLanguage({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(environmentLanguage({}), 'en');
  });
});

describe('distsys suggestions', () => {
  it('measures edit distance as insertions, deletions and substitutions', () => {
    assert.equal(editDistance('raft-elektion', 'raft-election'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('grdae', 'grade'), 2);
  });

  it('suggests the nearest name, a unique completion of a prefix, or nothing when nothing is close', () => {
    const ids = ['raft-election', 'two-phase-commit'];
    assert.equal(nearest('raft-elektion', ids), 'raft-election');
    assert.equal(nearest('two-phase', ids), 'two-phase-commit');
    assert.equal(nearest('paxos', ids), undefined);
  });
});

import assert from 'node:assert/strict';
import { applyPatch, PatchError } from './applyPatch';

const file = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', ''].join('\n');

describe('applyPatch (unified diffs of one file)', () => {
  it('replaces, removes and adds lines, hunk by hunk', () => {
    const patch = [
      '--- a.ts',
      '+++ b.ts',
      '@@ -1,3 +1,3 @@',
      ' one',
      '-two',
      '+TWO',
      ' three',
      '@@ -7,4 +7,5 @@',
      ' seven',
      '-eight',
      ' nine',
      '+nine and a half',
      '+nine and three quarters',
      ' ten',
      '',
    ].join('\n');
    assert.equal(
      applyPatch(file, patch),
      [
        'one',
        'TWO',
        'three',
        'four',
        'five',
        'six',
        'seven',
        'nine',
        'nine and a half',
        'nine and three quarters',
        'ten',
        '',
      ].join('\n'),
    );
  });

  it('finds a hunk whose lines moved since the patch was made', () => {
    const patch = ['--- a.ts', '+++ b.ts', '@@ -5,3 +5,3 @@', ' five', '-six', '+SIX', ' seven', ''].join('\n');
    assert.equal(applyPatch(`zero\nminus one\n${file}`, patch), `zero\nminus one\n${file.replace('six', 'SIX')}`);
    assert.equal(
      applyPatch(file.replace('one\ntwo\n', ''), patch),
      file.replace('one\ntwo\n', '').replace('six', 'SIX'),
    );
  });

  it('adds lines where a hunk with no old lines says', () => {
    const patch = ['--- a.ts', '+++ b.ts', '@@ -2,0 +3,2 @@', '+two and a half', '+two and three quarters', ''].join(
      '\n',
    );
    assert.equal(applyPatch(file, patch), file.replace('two\n', 'two\ntwo and a half\ntwo and three quarters\n'));
  });

  it('keeps or adds the missing newline at the end of a file', () => {
    const noNewline = [
      '--- a.ts',
      '+++ b.ts',
      '@@ -10 +10 @@',
      '-ten',
      '+TEN',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    assert.equal(applyPatch(file, noNewline), file.replace('ten\n', 'TEN'));
    const addNewline = ['--- a.ts', '+++ b.ts', '@@ -1 +1 @@', '-x', '\\ No newline at end of file', '+x', ''].join(
      '\n',
    );
    assert.equal(applyPatch('x', addNewline), 'x\n');
  });

  it('reads an empty context line written without its leading space', () => {
    const patch = ['--- a.ts', '+++ b.ts', '@@ -1,3 +1,3 @@', ' a', '', '-b', '+B', ''].join('\n');
    assert.equal(applyPatch('a\n\nb\n', patch), 'a\n\nB\n');
  });

  it('refuses a hunk that matches nowhere, naming it', () => {
    const patch = ['--- a.ts', '+++ b.ts', '@@ -2,2 +2,2 @@', ' two', '-four', '+FOUR', ''].join('\n');
    assert.throws(
      () => applyPatch(file, patch),
      (e: Error) => e instanceof PatchError && /hunk @@ -2,2 \+2,2 @@ does not match the file/.test(e.message),
    );
  });

  it('refuses a patch with no hunks, a hunk shorter than its header says, or a stray line', () => {
    assert.throws(() => applyPatch(file, '--- a.ts\n+++ b.ts\n'), /no hunks/);
    assert.throws(() => applyPatch(file, '--- a.ts\n+++ b.ts\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n'), /ends early/);
    assert.throws(
      () => applyPatch(file, 'diff --git a/a.ts b/a.ts\n@@ -1 +1 @@\n-one\n+ONE\n'),
      /line 1: expected a file header or a hunk/,
    );
    assert.throws(() => applyPatch(file, '--- a.ts\n+++ b.ts\n@@ -1 +1 @@\n*one\n'), /unexpected "\*one"/);
  });
});

import assert from 'node:assert/strict';
import { parseQuiz } from '../../../src/webview/lesson/quizBlock';

const body = (...lines: string[]): string => lines.join('\n');

function errorsOf(text: string, firstLine = 11): string[] {
  const parsed = parseQuiz(text, firstLine);
  assert.equal(parsed.ok, false, 'expected the quiz to be rejected');
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.line}: ${e.message}`);
}

describe('quiz blocks', () => {
  it('reads a question, options with one correct answer, and the explanation', () => {
    const parsed = parseQuiz(
      body(
        'Why must votedFor survive a crash?',
        '- [ ] It makes elections faster',
        '- [x] Otherwise a node could vote twice in one term',
        '> A restarted node that forgot its vote',
        '> may grant a second one.',
      ),
      2,
    );
    assert.deepEqual(parsed, {
      ok: true,
      quiz: {
        question: 'Why must votedFor survive a crash?',
        options: [
          { text: 'It makes elections faster', correct: false },
          { text: 'Otherwise a node could vote twice in one term', correct: true },
        ],
        explanation: 'A restarted node that forgot its vote\nmay grant a second one.',
        multiple: false,
      },
    });
  });

  it('marks a quiz with several correct options as multiple-answer, [X] counting as correct', () => {
    const parsed = parseQuiz(body('Which are safe?', '* [x] one', '- [X] two', '+ [ ] three'), 1);
    assert.ok(parsed.ok);
    assert.equal(parsed.quiz.multiple, true);
    assert.deepEqual(
      parsed.quiz.options.map((o) => o.correct),
      [true, true, false],
    );
    assert.equal(parsed.quiz.explanation, '');
  });

  it('keeps a question of several lines and joins indented option continuations', () => {
    const parsed = parseQuiz(
      body(
        'First line,',
        '`second` line?',
        '',
        '- [ ] short',
        '- [x] long option',
        '  continued here',
        '',
        '- [ ] last',
      ),
      1,
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.quiz.question, 'First line,\n`second` line?');
    assert.deepEqual(
      parsed.quiz.options.map((o) => o.text),
      ['short', 'long option continued here', 'last'],
    );
  });

  it('names the line of a malformed option', () => {
    assert.deepEqual(errorsOf(body('Q?', '- [ ] a', '- [] b', '- [x] c')), [
      '13: malformed option "- [] b": write "- [ ] text", or "- [x] text" for a correct one',
    ]);
  });

  it('names the line of text that is neither an option nor an explanation', () => {
    assert.deepEqual(errorsOf(body('Q?', '- [ ] a', '- [x] b', 'stray text')), [
      '14: expected an option ("- [ ] text" or "- [x] text") or an explanation ("> text"), found "stray text"',
    ]);
  });

  it('rejects options after the explanation and an explanation before the options', () => {
    assert.deepEqual(errorsOf(body('Q?', '- [ ] a', '- [x] b', '> why', '- [ ] c')), [
      '15: only "> " lines may follow the explanation, found "- [ ] c"',
    ]);
    assert.deepEqual(errorsOf(body('Q?', '> why', '- [ ] a', '- [x] b')), [
      '12: the explanation ("> ...") must come after the options',
    ]);
  });

  it('reports a missing question, too few options and no correct option on the fence line', () => {
    assert.deepEqual(errorsOf(body('- [ ] a', '- [x] b')), [
      '10: missing the question: write it on the lines before the first option',
    ]);
    assert.deepEqual(errorsOf(body('Q?', '- [x] a')), ['10: a quiz needs at least two options, found 1']);
    assert.deepEqual(errorsOf(body('Q?', '- [ ] a', '- [ ] b')), [
      '10: no option is marked correct: write "- [x] text" for each correct one',
    ]);
  });
});

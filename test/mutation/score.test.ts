import assert from 'node:assert/strict';
import {
  parseEquivalents,
  summarize,
  type EquivalentMutant,
  type MutationReport,
  type ReportMutant,
} from '../../scripts/mutationScore';

const FILE = 'test/exercises/x/reference.ts';

/** Line n holds `    "n";`: every mutant replaces a string at column 5. */
const source = [1, 2, 3, 4, 5].map((n) => `    "${n}";`).join('\n');

const mutant = (id: string, status: ReportMutant['status'], line: number, replacement = '""'): ReportMutant => ({
  id,
  mutatorName: 'StringLiteral',
  replacement,
  location: { start: { line, column: 5 }, end: { line, column: 8 } },
  status,
});

const report: MutationReport = {
  files: {
    [FILE]: {
      source,
      mutants: [
        mutant('0', 'Killed', 1),
        mutant('1', 'Timeout', 2),
        mutant('2', 'Survived', 3),
        mutant('3', 'Survived', 4),
        mutant('4', 'Survived', 4, '"x"'),
        mutant('5', 'CompileError', 5),
      ],
    },
  },
};

const entry = (line: number, replacement = '""', original = `"${line}"`): EquivalentMutant => ({
  file: FILE,
  line,
  column: 5,
  mutator: 'StringLiteral',
  original,
  replacement,
  reason: 'a log line',
});

describe('mutation score', () => {
  it('counts timeouts as detected and leaves invalid and equivalent mutants out of the score', () => {
    const { summary, problems } = summarize('x', report, [entry(3)]);
    assert.deepEqual(problems, []);
    assert.equal(summary.mutants, 6);
    assert.equal(summary.invalid, 1);
    assert.equal(summary.score, 2 / 4);
    assert.deepEqual(
      summary.undetected.map((m) => m.mutant.id),
      ['3', '4'],
    );
  });

  it('tells two mutants at one place apart by their replacement', () => {
    const { summary, problems } = summarize('x', report, [entry(4, '"x"')]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      summary.undetected.map((m) => m.mutant.id),
      ['2', '3'],
    );
  });

  it('refuses an entry that names no mutant, code the reference no longer has, or a mutant the grader kills', () => {
    const { problems } = summarize('x', report, [entry(9), entry(3, '""', '"changed"'), entry(1), entry(3), entry(3)]);
    assert.equal(problems.length, 4);
    assert.match(problems[0] as string, /matches 0 mutants/);
    assert.match(problems[1] as string, /matches 0 mutants/);
    assert.match(problems[2] as string, /names a Killed mutant/);
    assert.match(problems[3] as string, /listed twice/);
  });

  it('keeps a killed mutant in the score even when an entry names it', () => {
    const { summary } = summarize('x', report, [entry(1)]);
    assert.equal(summary.score, 2 / 5);
    assert.deepEqual(summary.equivalent, []);
  });

  it('refuses an entry with a missing field', () => {
    assert.throws(
      () => parseEquivalents(JSON.stringify([{ ...entry(3), reason: '' }]), 'eq.json'),
      /eq.json\[0\]: "reason"/,
    );
    assert.deepEqual(parseEquivalents(JSON.stringify([entry(3)]), 'eq.json'), [entry(3)]);
  });
});

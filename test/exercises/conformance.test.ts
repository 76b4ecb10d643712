/**
 * What every exercise of the catalog must satisfy, checked the same way for each: the reference
 * (and any alternative solution) passes every scenario on many seeds; every buggy variant fails by
 * the scenario and checker its expectation names, explained with a node and a time in every
 * language of the course; the exercise
 * has its own types module, and the starter imports it, loads and fails; scenarios are well named
 * and deterministic; the lesson's live simulations name real scenarios. What is particular to one
 * exercise is tested in test/exercises/<id>/<id>.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { demos, exercises, type CatalogExercise } from '../../lessons/catalog';
import { LESSON_LANGUAGES } from '../../lessons/manifest';
import { lessons } from '../../lessons/registry';
import {
  gradeExercise,
  languages,
  loadSubmission,
  localizedFailure,
  nodeNames,
  StudentCodeError,
  runAndCheck,
  seedList,
  type GradeOptions,
  type ScenarioReport,
} from '../../src/grader';
import { lessonFileName } from '../../src/extension/core/language';
import { renderLesson } from '../../src/webview/lesson/render';
import { alternativeSolutions, buggyVariant, buggyVariantNames, exerciseTestDir, referenceSolution } from './solutions';

/** Correct solutions run thorough grading: 200 seeds per named scenario, a generated family's thorough count (1000). */
const THOROUGH = { thorough: true } as const;
const LESSONS = join(__dirname, '..', '..', 'lessons');

/**
 * `test/exercises/<id>/expectations.json`: each variant, and the scenarios and checkers that must
 * catch it; a schedule variant may instead be refused before any run, with a message containing `refused`.
 */
type Expectation = { scenario: string; checker: string } | { refused: string };
type Expectations = Record<string, Expectation[]>;

/** Verdicts the grader gives on its own, whatever the scenario's checkers. */
const GRADER_VERDICTS = ['exception', 'budget'];

function expectationsOf(exercise: CatalogExercise): Expectations | undefined {
  const file = join(exerciseTestDir(exercise.id), 'expectations.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Expectations) : undefined;
}

function describeFailure(report: ScenarioReport): string {
  const f = report.failure;
  return f ? `seed ${f.seed}: [${f.checker}] ${f.explanation}` : 'passed';
}

for (const exercise of exercises) {
  describe(`${exercise.id}: conformance`, () => {
    const grade = (source: string, file: string, options: GradeOptions, scenario?: string) => {
      const loaded = loadSubmission(exercise, source, file);
      return gradeExercise(loaded.exercise, loaded.program, file, {
        ...options,
        shrink: false,
        ...(scenario ? { scenario } : {}),
      });
    };

    // The reference is read in each test, so a missing one fails them rather than the whole suite.
    const solutions = [
      { title: 'the reference solution', load: () => referenceSolution(exercise.id) },
      ...alternativeSolutions(exercise.id).map((s) => ({ title: `the solution ${s.name}`, load: () => s })),
    ];
    for (const { title, load } of solutions) {
      describe(title, () => {
        for (const scenario of exercise.scenarios) {
          const seeds = seedList(THOROUGH, scenario).length;
          it(`passes ${scenario.name} on ${seeds} seeds`, () => {
            const { source, file } = load();
            const report = grade(source, file, THOROUGH, scenario.name).scenarios[0]!;
            assert.equal(report.passed, true, describeFailure(report));
            assert.equal(report.seedsRun, seeds);
          });
        }
      });
    }

    describe('buggy variants', () => {
      const expectations = expectationsOf(exercise);

      it('has an expectation for every variant file, and a file for every expectation', () => {
        assert.ok(expectations, `test/exercises/${exercise.id}/expectations.json is missing`);
        assert.ok(
          buggyVariantNames(exercise.id).length > 0,
          `test/exercises/${exercise.id}/buggy/ has no variant: show what the checkers catch`,
        );
        assert.deepEqual(
          Object.keys(expectations).sort(),
          buggyVariantNames(exercise.id),
          `the variants of test/exercises/${exercise.id}/expectations.json and buggy/ differ`,
        );
      });

      it('expects each variant to fail, by a scenario of the exercise and one of its checkers', () => {
        for (const [variant, expected] of Object.entries(expectations ?? {})) {
          assert.ok(expected.length > 0, `${variant}: no scenario expected to catch it`);
          for (const expectation of expected) {
            if ('refused' in expectation) {
              assert.ok(exercise.submission, `${variant}: only a schedule is refused before it runs`);
              continue;
            }
            const { scenario, checker } = expectation;
            const found = exercise.scenarios.find((s) => s.name === scenario);
            assert.ok(found, `${variant}: no scenario "${scenario}" in ${exercise.id}`);
            assert.ok(
              [...found.checkers.map((c) => c.name), ...GRADER_VERDICTS].includes(checker),
              `${variant}: ${scenario} has no checker "${checker}"`,
            );
          }
        }
      });

      for (const [variant, expected] of Object.entries(expectations ?? {})) {
        for (const expectation of expected) {
          if ('refused' in expectation) {
            it(`${variant} is refused before it runs, saying ${JSON.stringify(expectation.refused)}`, () => {
              const { source, file } = buggyVariant(exercise.id, variant);
              assert.throws(
                () => loadSubmission(exercise, source, file),
                (error) => error instanceof StudentCodeError && error.message.includes(expectation.refused),
              );
            });
            continue;
          }
          const { scenario, checker } = expectation;
          it(`${variant} fails ${scenario} by ${checker}, naming a node and a time in every language`, () => {
            const { source, file } = buggyVariant(exercise.id, variant);
            // The seeds a student's default grade runs: a mistake must show there, not only in a thorough grade.
            const report = grade(source, file, {}, scenario).scenarios[0];
            assert.ok(report, `no scenario ${scenario}`);
            assert.equal(report.passed, false, `${variant} passed ${scenario} on its ${report.seedsPlanned} seeds`);
            const failure = report.failure!;
            assert.equal(failure.checker, checker, describeFailure(report));
            const found = exercise.scenarios.find((s) => s.name === scenario)!;
            // A process beside the nodes (a client) is as good a name as a node.
            const nodes = [...nodeNames(found.nodes), ...(found.processes ?? []).map((p) => p.id)];
            for (const language of languages) {
              const { explanation } = localizedFailure(failure, language);
              assert.ok(
                nodes.some((n) => new RegExp(`\\b${n}\\b`).test(explanation)),
                `${language}: names none of ${nodes.join(', ')}: ${explanation}`,
              );
              assert.match(explanation, /\d ms\b/, `${language}: no time in ${explanation}`);
              if (language !== 'en') assert.notEqual(explanation, failure.explanation, `${language}: English only`);
            }
            assert.match(localizedFailure(failure, 'zh-cn').explanation, /\p{Script=Han}/u);
          });
        }
      }
    });

    if (exercise.submission)
      it('hands out a starter that is a fault schedule: a JSON array, with no comments', () => {
        assert.match(exercise.starter, /\.faults\.json$/);
        const starter: unknown = JSON.parse(readFileSync(join(LESSONS, exercise.lesson, exercise.starter), 'utf8'));
        assert.ok(Array.isArray(starter));
      });
    else
      it(`declares its module "distsys/${exercise.id}" in its lesson folder, and the starter imports its types from it`, () => {
        const declared = readFileSync(join(LESSONS, exercise.lesson, 'module.ts'), 'utf8');
        assert.match(
          declared,
          new RegExp(`^declare module ['"]distsys/${exercise.id}['"]`, 'm'),
          `lessons/${exercise.lesson}/module.ts`,
        );
        const imports = ts
          .preProcessFile(readFileSync(join(LESSONS, exercise.lesson, exercise.starter), 'utf8'))
          .importedFiles.map((f) => f.fileName);
        assert.deepEqual(imports, [`distsys/${exercise.id}`]);
      });

    for (const language of LESSON_LANGUAGES) {
      const file = language === 'en' ? 'rules.md' : `rules.${language}.md`;
      it(`maps every checker it runs to a rule in ${file}, and lists no checker it does not run`, () => {
        // Beside the exercise's starter: a lesson with two exercises keeps each one's files in a folder of its own.
        const rules = readFileSync(join(LESSONS, exercise.lesson, dirname(exercise.starter), file), 'utf8');
        // The table's checker column: backticked names in its fourth cell.
        const listed = new Set(
          rules
            .split('\n')
            .filter((line) => /^\|\s*\d+\s*\|/.test(line))
            .flatMap((line) => [...(line.split('|')[4] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] as string)),
        );
        for (const verdict of GRADER_VERDICTS) listed.delete(verdict);
        const run = new Set(exercise.scenarios.flatMap((s) => s.checkers.map((c) => c.name)));
        assert.deepEqual([...run].filter((c) => !listed.has(c)).sort(), [], `checkers with no rule in ${file}`);
        assert.deepEqual([...listed].filter((c) => !run.has(c)).sort(), [], `${file} names checkers no scenario runs`);
      });
    }

    it('has a starter that loads, runs without an exception, and fails every scenario, naming a node and a time', () => {
      const path = join(LESSONS, exercise.lesson, exercise.starter);
      const report = grade(readFileSync(path, 'utf8'), exercise.starter, { seeds: 1 });
      for (const s of report.scenarios) {
        assert.equal(s.passed, false, `the starter passes ${s.name}`);
        assert.notEqual(s.failure?.checker, 'exception', describeFailure(s));
        // The first failures a student reads: liveness and measured figures too say where and when.
        const found = exercise.scenarios.find((scenario) => scenario.name === s.name)!;
        const nodes = [...nodeNames(found.nodes), ...(found.processes ?? []).map((p) => p.id)];
        const explanation = s.failure?.explanation ?? '';
        assert.ok(
          nodes.some((n) => new RegExp(`\\b${n}\\b`).test(explanation)),
          `${s.name}: names none of ${nodes.join(', ')}: ${explanation}`,
        );
        assert.match(explanation, /\d ms\b/, `${s.name}: names no time`);
      }
    });

    describe('scenarios', () => {
      it('have unique kebab-case names', () => {
        const names = exercise.scenarios.map((s) => s.name);
        assert.equal(new Set(names).size, names.length, names.join(', '));
        for (const name of names) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('each describe themselves in one sentence', () => {
        for (const s of exercise.scenarios) assert.match(s.description, /^[A-Za-z0-9][^.]*(\.[^ ][^.]*)*\.$/, s.name);
      });

      it('replay a seed to the same trace, and another seed to another', () => {
        const { source, file } = referenceSolution(exercise.id);
        const loaded = loadSubmission(exercise, source, file);
        for (const scenario of loaded.exercise.scenarios) {
          const { program } = loaded;
          const hash = (seed: number): string =>
            runAndCheck({ exercise: loaded.exercise, scenario, program, seed, file }).trace.hash();
          assert.equal(hash(7), hash(7), scenario.name);
          assert.notEqual(hash(7), hash(8), scenario.name);
        }
      });
    });
  });
}

for (const lesson of lessons) {
  describe(`${lesson.folder}: conformance`, () => {
    for (const language of LESSON_LANGUAGES) {
      const file = lessonFileName(language);

      it(`has ${file}, whose live simulations each name an exercise or demo of the catalog and one of its scenarios`, () => {
        const path = join(LESSONS, lesson.folder, file);
        assert.ok(existsSync(path), `lessons/${lesson.folder}/${file} is missing`);
        for (const sim of renderLesson(readFileSync(path, 'utf8')).sims) {
          const where = `lessons/${lesson.folder}/${file}:${sim.line}`;
          const exercise = [...exercises, ...demos].find((e) => e.id === sim.exercise);
          assert.ok(exercise, `${where}: no exercise or demo "${sim.exercise}" in the catalog`);
          assert.ok(
            exercise.scenarios.some((s) => s.name === sim.scenario),
            `${where}: ${sim.exercise} has no scenario "${sim.scenario}"`,
          );
        }
      });
    }
  });
}

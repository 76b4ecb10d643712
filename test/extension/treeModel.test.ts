import assert from 'node:assert/strict';
import type { CourseModule } from '../../lessons/course';
import type { ExercisePoints, ExerciseProgress } from '../../src/extension/core/progress';
import type { Translate } from '../../src/extension/core/translate';
import {
  buildCourseTree,
  exerciseDescription,
  type CourseState,
  type ExerciseNode,
} from '../../src/extension/core/treeModel';

const course: CourseModule[] = [
  {
    id: 'consensus',
    title: { en: 'Consensus', 'zh-cn': '共识' },
    lessons: [
      { folder: '01-a', title: { en: 'Lesson A', 'zh-cn': '课 A' }, exercises: ['a'] },
      { folder: '03-c', title: { en: 'Lesson C', 'zh-cn': '课 C' }, exercises: ['c', 'gone'] },
    ],
  },
  {
    id: 'transactions',
    title: { en: 'Transactions', 'zh-cn': '事务' },
    lessons: [{ folder: '02-b', title: { en: 'Lesson B', 'zh-cn': '课 B' }, exercises: ['b'] }],
  },
];

const points: Record<string, ExercisePoints> = {
  a: {
    id: 'a',
    scenarios: [
      { name: 'x', points: 10 },
      { name: 'y', points: 5 },
    ],
  },
  b: { id: 'b', scenarios: [{ name: 'x', points: 10 }] },
  c: { id: 'c', scenarios: [{ name: 'x', points: 3 }] },
};

function state(progress: Record<string, ExerciseProgress>, started: string[] = []): CourseState {
  return { exercise: (id) => points[id], progress: (id) => progress[id], started: (id) => started.includes(id) };
}

function exercises(tree: ReturnType<typeof buildCourseTree>): ExerciseNode[] {
  return tree.flatMap((m) => m.lessons.flatMap((l) => l.exercises));
}

describe('extension: course tree model', () => {
  it('keeps the manifest order of modules, lessons and exercises, in the chosen language', () => {
    const tree = buildCourseTree(course, state({}), 'zh-cn');
    assert.deepEqual(
      tree.map((m) => m.label),
      ['共识', '事务'],
    );
    assert.deepEqual(
      tree[0]?.lessons.map((l) => l.label),
      ['课 A', '课 C'],
    );
    assert.deepEqual(
      exercises(tree).map((e) => e.id),
      ['a', 'c', 'b'],
    );
    assert.deepEqual(buildCourseTree(course, state({}), 'en')[1]?.lessons[0]?.label, 'Lesson B');
  });

  it('leaves out an exercise the catalog does not hold', () => {
    assert.ok(!exercises(buildCourseTree(course, state({}), 'en')).some((e) => e.id === 'gone'));
  });

  it('marks an exercise not started until its file is in the workspace or it was graded', () => {
    const tree = buildCourseTree(course, state({ b: { scenarios: { x: false }, best: 0 } }, ['c']), 'en');
    const status = Object.fromEntries(exercises(tree).map((e) => [e.id, e.status]));
    assert.deepEqual(status, { a: 'not-started', c: 'in-progress', b: 'in-progress' });
  });

  it('marks an exercise passed only when every scenario latest verdict passed', () => {
    const partly = buildCourseTree(course, state({ a: { scenarios: { x: true }, best: 10 } }, ['a']), 'en');
    assert.equal(exercises(partly)[0]?.status, 'in-progress');
    const fully = buildCourseTree(course, state({ a: { scenarios: { x: true, y: true }, best: 15 } }), 'en');
    assert.equal(exercises(fully)[0]?.status, 'passed');
  });

  it('scores the latest verdicts against the exercise total and keeps the best apart', () => {
    const tree = buildCourseTree(course, state({ a: { scenarios: { x: false, y: true }, best: 15 } }), 'en');
    assert.deepEqual(exercises(tree)[0], {
      kind: 'exercise',
      id: 'a',
      status: 'in-progress',
      graded: true,
      earned: 5,
      max: 15,
      best: 15,
    });
    assert.deepEqual(exercises(tree)[1], {
      kind: 'exercise',
      id: 'c',
      status: 'not-started',
      graded: false,
      earned: 0,
      max: 3,
      best: 0,
    });
  });
});

describe('extension: course tree descriptions', () => {
  const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  const node = (over: Partial<ExerciseNode>): ExerciseNode => ({
    kind: 'exercise',
    id: 'a',
    status: 'in-progress',
    graded: true,
    earned: 5,
    max: 15,
    best: 5,
    ...over,
  });

  it('says an exercise is not started without a score', () => {
    assert.equal(exerciseDescription(node({ status: 'not-started', earned: 0, best: 0 }), t), 'not started');
  });

  it('shows the score, and the best one when the latest verdicts add up to less', () => {
    assert.equal(exerciseDescription(node({}), t), '5/15 points');
    assert.equal(exerciseDescription(node({ best: 15 }), t), '5/15 points (best 15)');
  });

  it('shows no score for a started exercise before its first grade, nor after a reset', () => {
    const started = buildCourseTree(course, state({}, ['a']), 'en');
    assert.equal(exerciseDescription(exercises(started)[0] as ExerciseNode, t), 'not graded yet');
    const reset = buildCourseTree(course, state({ a: { scenarios: {}, best: 15 } }, ['a']), 'en');
    assert.equal(exerciseDescription(exercises(reset)[0] as ExerciseNode, t), 'not graded yet (best 15)');
  });

  it('says passed with the full score', () => {
    assert.equal(exerciseDescription(node({ status: 'passed', earned: 15, best: 15 }), t), 'passed · 15/15 points');
  });
});

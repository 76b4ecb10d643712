import * as vscode from 'vscode';
import { courseLessons } from '../../lessons/course';
import { scenarioDescription } from '../grader';
import type { LabBench } from './benchPanel';
import { settings } from './config';
import { resetExercise, resolveExercise, startExercise, type ExerciseArg } from './exerciseFiles';
import { COMMANDS, VIEWS } from './ids';
import type { LessonPanels } from './lessonPanels';
import type { StudentExercise } from './studentExercises';
import type { ExerciseTests } from './testing';
import type { TracePanel } from './tracePanel';
import { parseSeed } from './core/seed';
import { submissionNote } from './core/traceReplay';
import { openTraceFile } from './traceFiles';
import { runTrace } from './traceRuns';
import { mayRunCode } from './trust';
import type { Workbook } from './workbook';

export interface Parts {
  bench: LabBench;
  lessons: LessonPanels;
  tests: ExerciseTests;
  traces: TracePanel;
}

/**
 * What `testing/message/context` menus pass: the test item, when it still exists, and the message;
 * a link in the message names the item by id instead.
 */
interface MessageMenuArg {
  test?: vscode.TestItem;
  failure?: string;
}

export function registerCommands(workbook: Workbook, { bench, lessons, tests, traces }: Parts): void {
  const register = (id: string, run: (...args: never[]) => unknown): void => {
    workbook.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          await run(...args);
        } catch (error) {
          void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        }
      }),
    );
  };

  register(COMMANDS.openCourse, () => vscode.commands.executeCommand(`workbench.view.extension.${VIEWS.container}`));
  register(COMMANDS.openFirstLesson, () => {
    const first = courseLessons()[0];
    if (first) lessons.open(first.folder);
  });
  register(COMMANDS.openLesson, async (arg?: string | { kind: 'lesson'; folder: string }) => {
    const folder = typeof arg === 'string' ? arg : (arg?.folder ?? (await pickLesson()));
    if (folder !== undefined) lessons.open(folder);
  });
  register(COMMANDS.startExercise, (arg?: ExerciseArg) => startExercise(workbook, arg));
  register(COMMANDS.resetExercise, (arg?: ExerciseArg) => resetExercise(workbook, arg));
  register(COMMANDS.gradeExercise, async (arg?: ExerciseArg) => {
    const student = mayRunCode() ? await studentOf(workbook, arg) : undefined;
    if (student) await tests.runItems(student);
  });
  register(COMMANDS.runScenario, async (arg?: ExerciseArg) => {
    const student = mayRunCode() ? await studentOf(workbook, arg) : undefined;
    if (student === undefined) return;
    const picked = await vscode.window.showQuickPick(
      student.exercise.scenarios.map((s) => ({ label: s.name, detail: scenarioDescription(s, settings.language()) })),
      { placeHolder: vscode.l10n.t('Choose a scenario of {0}', student.exercise.id), matchOnDetail: true },
    );
    if (picked) await tests.runItems(student, picked.label);
  });
  register(COMMANDS.openTrace, async (arg?: MessageMenuArg | vscode.TestItem) => {
    if (!mayRunCode()) return;
    // A test item's own menu (a schedule that broke its program) passes the item itself.
    const last = tests.lastRun(arg === undefined || 'id' in arg ? arg : (arg.test ?? arg.failure));
    if (last === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Grade the scenario again: its failing run is no longer known.'),
      );
      return;
    }
    // The run as graded: the submission it failed on, shrunk as the message reports it.
    const current = await currentText(last.student.uri);
    const result = await runTrace(workbook, {
      student: last.student,
      scenario: last.scenario,
      ...last.replay,
      source: last.source,
      note: submissionNote(last.source, current, vscode.l10n.t),
    });
    if (result) traces.show(result);
  });
  register(COMMANDS.runScenarioWithTrace, async (arg?: ExerciseArg) => {
    const student = mayRunCode() ? await studentOf(workbook, arg) : undefined;
    if (student === undefined) return;
    const picked = await vscode.window.showQuickPick(
      student.exercise.scenarios.map((s) => ({ label: s.name, detail: s.description })),
      { placeHolder: vscode.l10n.t('Choose a scenario of {0} to watch', student.exercise.id), matchOnDetail: true },
    );
    if (picked === undefined) return;
    const seed = await vscode.window.showInputBox({
      prompt: vscode.l10n.t('The seed decides every random choice of the run'),
      value: '1',
      validateInput: (text) => (parseSeed(text) === undefined ? vscode.l10n.t('A whole number, 0 or more') : undefined),
    });
    const parsed = seed === undefined ? undefined : parseSeed(seed);
    if (parsed === undefined) return;
    const result = await runTrace(workbook, { student, scenario: picked.label, seed: parsed });
    if (result) traces.show(result);
  });
  register(COMMANDS.openTraceFile, (arg?: vscode.Uri) => openTraceFile(arg));
  register(COMMANDS.openBench, async (arg?: ExerciseArg) => {
    const student = mayRunCode() ? await studentOf(workbook, arg) : undefined;
    if (student?.exercise.submission !== undefined)
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'The lab bench runs a node class of yours; {0} takes a fault schedule instead: grade it, or watch a run.',
          student.exercise.id,
        ),
      );
    else if (student) bench.open(student);
  });
}

/** The file's text as it is now, in the editor or on disk; undefined when it is gone. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}

async function pickLesson(): Promise<string | undefined> {
  const language = settings.language();
  const picked = await vscode.window.showQuickPick(
    courseLessons().map((l) => ({ label: l.title[language], description: l.folder, folder: l.folder })),
    { placeHolder: vscode.l10n.t('Choose a lesson') },
  );
  return picked?.folder;
}

/** The student's file of the exercise an argument names; says what to do when it is not started. */
async function studentOf(workbook: Workbook, arg: ExerciseArg): Promise<StudentExercise | undefined> {
  const direct = arg instanceof vscode.Uri ? workbook.students.of(arg) : undefined;
  if (direct) return direct;
  const exercise = await resolveExercise(workbook, arg);
  if (exercise === undefined) return undefined;
  const student = workbook.students.byId(exercise.id);
  if (student) return student;
  const start = vscode.l10n.t('Start Exercise');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} is not started in this workspace yet.', exercise.id),
    start,
  );
  if (choice === start) await startExercise(workbook, exercise.id);
  return undefined;
}

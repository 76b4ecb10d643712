import * as vscode from 'vscode';
import { lessonOfExercise } from '../../lessons/course';
import { lensLine } from './core/lensLine';
import { STUDENT_ROOT } from './core/exerciseFiles';
import { COMMANDS } from './ids';
import type { Workbook } from './workbook';

/** Above the node class of an exercise file: Grade all · Run scenario… · Watch a run… · Lab bench · Open lesson. */
class ExerciseLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly workbook: Workbook) {
    this.onDidChangeCodeLenses = workbook.students.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const student = this.workbook.students.of(document.uri);
    if (student === undefined) return [];
    const line = lensLine(document.getText());
    const range = new vscode.Range(line, 0, line, 0);
    const lenses = [
      new vscode.CodeLens(range, {
        title: `$(run-all) ${vscode.l10n.t('Grade all')}`,
        command: COMMANDS.gradeExercise,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: `$(run) ${vscode.l10n.t('Run scenario…')}`,
        command: COMMANDS.runScenario,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: `$(type-hierarchy-sub) ${vscode.l10n.t('Watch a run…')}`,
        tooltip: vscode.l10n.t('Run one scenario with one seed and open its trace, passing or not'),
        command: COMMANDS.runScenarioWithTrace,
        arguments: [document.uri],
      }),
    ];
    // The bench runs a node class; a fault schedule submission has none of its own.
    if (student.exercise.submission === undefined)
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(beaker) ${vscode.l10n.t('Lab bench')}`,
          tooltip: vscode.l10n.t('Run this file live, and crash, pause and cut off its nodes by hand'),
          command: COMMANDS.openBench,
          arguments: [document.uri],
        }),
      );
    const lesson = lessonOfExercise(student.exercise.id);
    if (lesson)
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(book) ${vscode.l10n.t('Open lesson')}`,
          command: COMMANDS.openLesson,
          arguments: [lesson.folder],
        }),
      );
    return lenses;
  }
}

export function registerCodeLens(workbook: Workbook): void {
  workbook.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'typescript', pattern: `**/${STUDENT_ROOT}/*/*.ts` },
        // An exercise whose submission is a fault schedule.
        { language: 'json', pattern: `**/${STUDENT_ROOT}/*/*.faults.json` },
      ],
      new ExerciseLenses(workbook),
    ),
  );
}

import * as vscode from 'vscode';
import { currentScore, hasVerdicts } from './core/progress';
import type { Workbook } from './workbook';

/** The score of the exercise in the active editor; a click opens the Testing view. */
export function registerStatusBar(workbook: Workbook): void {
  const item = vscode.window.createStatusBarItem('distsys.score', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Exercise score');
  item.command = 'workbench.view.testing.focus';
  const update = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const student = uri && workbook.students.of(uri);
    if (student === undefined) {
      item.hide();
      return;
    }
    const { exercise } = student;
    const progress = workbook.progress.get(exercise.id);
    const { earned, max } = currentScore(exercise, progress);
    if (!hasVerdicts(exercise, progress)) {
      item.text = `$(beaker) ${exercise.id}`;
      item.tooltip = vscode.l10n.t('{0}: not graded yet. Click to open the Testing view.', exercise.title);
      item.show();
      return;
    }
    item.text = `$(beaker) ${exercise.id} ${earned}/${max}`;
    item.tooltip = vscode.l10n.t(
      '{0}: {1} of {2} points (best {3}). Click to open the Testing view.',
      exercise.title,
      earned,
      max,
      progress?.best ?? 0,
    );
    item.show();
  };
  update();
  workbook.context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    workbook.progress.onDidChange(update),
    workbook.students.onDidChange(update),
  );
}

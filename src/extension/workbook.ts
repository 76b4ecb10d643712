import * as vscode from 'vscode';
import { exercises, type CatalogExercise } from '../../lessons/catalog';
import type { RunnerConfig } from '../runner';
import { settings } from './config';
import { ProgressStore, type SetAside } from './core/progress';
import { StudentExercises } from './studentExercises';

/**
 * What every part of the extension shares: where the extension lives, the student's progress and
 * exercises, and how to configure the runner. Parts get it at registration and keep nothing global.
 */
export class Workbook implements vscode.Disposable {
  readonly exercises: readonly CatalogExercise[] = exercises;
  readonly output = vscode.window.createOutputChannel(vscode.l10n.t('Distributed Systems'));
  readonly students = new StudentExercises(exercises, (problems) => this.reportScenarioProblems(problems));

  private constructor(
    readonly context: vscode.ExtensionContext,
    readonly progress: ProgressStore,
  ) {
    context.subscriptions.push(this);
  }

  static async create(context: vscode.ExtensionContext): Promise<Workbook> {
    const progress = await ProgressStore.open(context.globalStorageUri.fsPath, { onSetAside: warnSetAside });
    const workbook = new Workbook(context, progress);
    await workbook.students.refresh();
    return workbook;
  }

  /** A file shipped with the extension. */
  asset(...path: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, ...path);
  }

  exercise(id: string): CatalogExercise | undefined {
    return this.exercises.find((e) => e.id === id);
  }

  /** Runner settings for one job; what the student's code prints goes to `onOutput`. */
  runnerConfig(onOutput: (text: string) => void): RunnerConfig {
    return { workerFile: this.asset('dist', 'worker.js').fsPath, unitBudgetMs: settings.timeBudgetMs(), onOutput };
  }

  /** Saved scenarios that cannot be used: each in the output, and a warning pointing there. */
  private reportScenarioProblems(problems: string[]): void {
    for (const problem of problems) this.output.appendLine(problem);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} saved scenario file(s) could not be used and were left out: {1}',
        problems.length,
        problems[0] ?? '',
      ),
    );
  }

  dispose(): void {
    this.output.dispose();
    this.students.dispose();
  }
}

function warnSetAside(setAside: SetAside): void {
  const message =
    setAside.reason === 'future-version'
      ? vscode.l10n.t(
          'Your progress file {0} was written by a newer version of the workbook. It was moved to {1}, and progress starts empty here.',
          setAside.file,
          setAside.movedTo,
        )
      : vscode.l10n.t(
          'Your progress file {0} could not be read. It was moved to {1}, and progress starts empty.',
          setAside.file,
          setAside.movedTo,
        );
  void vscode.window.showWarningMessage(message);
}

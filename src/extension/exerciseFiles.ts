import * as vscode from 'vscode';
import type { CatalogExercise } from '../../lessons/catalog';
import { lessonOfExercise } from '../../lessons/course';
import { settings } from './config';
import { shippedStarter, studentFile, TSCONFIG_FILE } from './core/exerciseFiles';
import { planReset, planStart, type FilePlan } from './core/starterPlan';
import { WALKTHROUGH_CONTEXT } from './ids';
import { exists } from './studentExercises';
import type { Workbook } from './workbook';

/** How commands name an exercise: its id, a course tree node, or the student's file. */
export type ExerciseArg = string | { kind: 'exercise'; id: string } | vscode.Uri | undefined;

/** The exercise an argument names; asks the student when it names none. */
export async function resolveExercise(workbook: Workbook, arg: ExerciseArg): Promise<CatalogExercise | undefined> {
  if (typeof arg === 'string') return workbook.exercise(arg);
  if (arg instanceof vscode.Uri) return workbook.students.of(arg)?.exercise;
  if (arg !== undefined) return workbook.exercise(arg.id);
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active && workbook.students.of(active);
  if (current) return current.exercise;
  const language = settings.language();
  const picked = await vscode.window.showQuickPick(
    workbook.exercises.map((e) => ({
      label: e.id,
      description: lessonOfExercise(e.id)?.title[language] ?? e.title,
      exercise: e,
    })),
    { placeHolder: vscode.l10n.t('Choose an exercise') },
  );
  return picked?.exercise;
}

/** Copies the starter into `distsys/<exercise>/` (never over the student's file) and opens it. */
export async function startExercise(workbook: Workbook, arg: ExerciseArg): Promise<void> {
  const exercise = await resolveExercise(workbook, arg);
  const folder = exercise && (await workspaceFolder());
  if (exercise === undefined || folder === undefined) return;
  const plan = planStart(
    exercise,
    await existing(folder, [studentFile(exercise), TSCONFIG_FILE]),
    await starterFor(workbook, exercise),
  );
  await carryOut(workbook, folder, plan);
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.exerciseStarted, true);
}

/** Saves the student's file beside itself as a backup, then puts the starter back. */
export async function resetExercise(workbook: Workbook, arg: ExerciseArg): Promise<void> {
  const exercise = await resolveExercise(workbook, arg);
  const folder = exercise && (await workspaceFolder());
  if (exercise === undefined || folder === undefined) return;
  const target = vscode.Uri.joinPath(folder.uri, studentFile(exercise));
  // What is unsaved belongs in the backup too.
  await vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString() && d.isDirty)?.save();
  const plan = planReset(
    exercise,
    await existing(folder, [studentFile(exercise), TSCONFIG_FILE]),
    new Date(),
    await starterFor(workbook, exercise),
  );
  await carryOut(workbook, folder, plan);
  await workbook.progress.forgetVerdicts(exercise.id);
  const backup = plan.steps.find((s) => s.kind === 'backup');
  if (backup)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} is back to the starter. Your previous version is saved as {1}.', exercise.id, backup.to),
    );
}

async function carryOut(workbook: Workbook, folder: vscode.WorkspaceFolder, plan: FilePlan): Promise<void> {
  const inWorkspace = (path: string): vscode.Uri => vscode.Uri.joinPath(folder.uri, path);
  for (const step of plan.steps) {
    const to = inWorkspace(step.to);
    await vscode.workspace.fs.createDirectory(to.with({ path: to.path.slice(0, to.path.lastIndexOf('/')) }));
    switch (step.kind) {
      case 'install':
        await vscode.workspace.fs.writeFile(
          to,
          await vscode.workspace.fs.readFile(workbook.asset(...step.from.split('/'))),
        );
        break;
      case 'backup':
        await vscode.workspace.fs.copy(inWorkspace(step.from), to, { overwrite: false });
        break;
      case 'write':
        await vscode.workspace.fs.writeFile(to, new TextEncoder().encode(step.text));
        break;
    }
  }
  await workbook.students.refresh();
  await vscode.window.showTextDocument(inWorkspace(plan.open), { preview: false });
}

/** The shipped starter in the student's language, the English one when it has no translation. */
async function starterFor(workbook: Workbook, exercise: CatalogExercise): Promise<string> {
  const localized = shippedStarter(exercise, settings.language());
  return (await exists(workbook.asset(...localized.split('/')))) ? localized : shippedStarter(exercise);
}

/** Which of these workspace paths exist, as the plans ask it. */
async function existing(folder: vscode.WorkspaceFolder, paths: string[]): Promise<(path: string) => boolean> {
  const present = new Set<string>();
  for (const path of paths) if (await exists(vscode.Uri.joinPath(folder.uri, path))) present.add(path);
  return (path) => present.has(path);
}

/** The folder exercises go in: the only one, or the one the student picks; none without a folder open. */
async function workspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0];
  if (folders.length > 1)
    return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should the exercise go?') });
  const open = vscode.l10n.t('Open Folder');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Open a folder first: the exercise is copied into it, under distsys/.'),
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('vscode.openFolder');
  return undefined;
}

import * as vscode from 'vscode';
import type { CatalogExercise } from '../../lessons/catalog';
import { exerciseOfPath, STUDENT_ROOT, studentFile } from './core/exerciseFiles';

/** A student's copy of an exercise, found in a workspace folder. */
export interface StudentExercise {
  exercise: CatalogExercise;
  folder: vscode.WorkspaceFolder;
  uri: vscode.Uri;
  /** Relative to the folder: the name stacks, messages and the grader use. */
  file: string;
}

/** Which exercises the student has started, kept current as files come and go. */
export class StudentExercises implements vscode.Disposable {
  private found: StudentExercise[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly exercises: readonly CatalogExercise[]) {
    // A node class, or a fault schedule for an exercise that takes one.
    const watcher = vscode.workspace.createFileSystemWatcher(
      `**/${STUDENT_ROOT}/*/{*.ts,*.faults.json}`,
      false,
      true,
      false,
    );
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  get all(): readonly StudentExercise[] {
    return this.found;
  }

  started(exerciseId: string): boolean {
    return this.found.some((s) => s.exercise.id === exerciseId);
  }

  /** The student's file of an exercise, in the first folder that has one. */
  byId(exerciseId: string): StudentExercise | undefined {
    return this.found.find((s) => s.exercise.id === exerciseId);
  }

  /** The exercise a document is the student's file of. */
  of(uri: vscode.Uri): StudentExercise | undefined {
    return this.found.find((s) => s.uri.toString() === uri.toString()) ?? this.locate(uri);
  }

  async refresh(): Promise<void> {
    const found: StudentExercise[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const exercise of this.exercises) {
        const file = studentFile(exercise);
        const uri = vscode.Uri.joinPath(folder.uri, file);
        if (await exists(uri)) found.push({ exercise, folder, uri, file });
      }
    }
    this.found = found;
    this.changed.fire();
  }

  /** A file not seen yet (just created, or opened before the scan ended). */
  private locate(uri: vscode.Uri): StudentExercise | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) return undefined;
    const file = vscode.workspace.asRelativePath(uri, false);
    const exercise = exerciseOfPath(file, this.exercises);
    return exercise && { exercise, folder, uri, file: studentFile(exercise) };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

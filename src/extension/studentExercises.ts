import * as vscode from 'vscode';
import type { CatalogExercise } from '../../lessons/catalog';
import { STUDENT_SCENARIO_FOLDER, withStudentScenarios, type StudentScenarioSource } from '../grader';
import { exerciseOfPath, STUDENT_ROOT, studentFile } from './core/exerciseFiles';

/** A student's copy of an exercise, found in a workspace folder. */
export interface StudentExercise {
  /** The exercise with the student's saved scenarios after its own. */
  exercise: CatalogExercise;
  /** The saved scenario files it was given, for the workers to add them too. */
  scenarios: StudentScenarioSource[];
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

  /** `onProblems` hears of saved scenario files that cannot be used, each named with its problem. */
  constructor(
    private readonly exercises: readonly CatalogExercise[],
    private readonly onProblems: (problems: string[]) => void,
  ) {
    // A node class, or a fault schedule for an exercise that takes one.
    const watcher = vscode.workspace.createFileSystemWatcher(
      `**/${STUDENT_ROOT}/*/{*.ts,*.faults.json}`,
      false,
      true,
      false,
    );
    const saved = vscode.workspace.createFileSystemWatcher(`**/${STUDENT_ROOT}/*/${STUDENT_SCENARIO_FOLDER}/*.json`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      saved,
      saved.onDidCreate(() => this.refresh()),
      saved.onDidChange(() => this.refresh()),
      saved.onDidDelete(() => this.refresh()),
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
    const problems: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const exercise of this.exercises) {
        const file = studentFile(exercise);
        const uri = vscode.Uri.joinPath(folder.uri, file);
        if (!(await exists(uri))) continue;
        const scenarios = await savedScenarios(folder, file);
        const added = withStudentScenarios(exercise, scenarios);
        problems.push(...added.problems);
        found.push({ exercise: added.exercise, scenarios, folder, uri, file });
      }
    }
    this.found = found;
    if (problems.length > 0) this.onProblems(problems);
    this.changed.fire();
  }

  /** A file not seen yet (just created, or opened before the scan ended). */
  private locate(uri: vscode.Uri): StudentExercise | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) return undefined;
    const file = vscode.workspace.asRelativePath(uri, false);
    const exercise = exerciseOfPath(file, this.exercises);
    return exercise && { exercise, scenarios: [], folder, uri, file: studentFile(exercise) };
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

/** The saved scenario files beside a student's file (`scenarios/*.json`), read as they are. */
async function savedScenarios(folder: vscode.WorkspaceFolder, file: string): Promise<StudentScenarioSource[]> {
  const dir = `${file.slice(0, file.lastIndexOf('/'))}/${STUDENT_SCENARIO_FOLDER}`;
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, dir));
  } catch {
    return [];
  }
  const sources: StudentScenarioSource[] = [];
  for (const [name, type] of entries) {
    if (type !== vscode.FileType.File || !name.endsWith('.json')) continue;
    const path = `${dir}/${name}`;
    try {
      sources.push({
        file: path,
        text: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, path))),
      });
    } catch {
      // Gone between listing and reading: the watcher brings the next refresh.
    }
  }
  return sources;
}

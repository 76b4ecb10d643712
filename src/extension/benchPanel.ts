import * as vscode from 'vscode';
import { parseStudentScenario } from '../grader';
import { asBenchToHost, type BenchToHost, type HostToBench } from '../webview/labBench/protocol';
import { settings } from './config';
import { savedScenarioPath, savedScenarioText, scenarioNameProblem } from './core/savedScenario';
import { PANELS } from './ids';
import type { StudentExercise } from './studentExercises';
import { pageHtml, webviewOptions } from './webviewPage';
import type { Workbook } from './workbook';

/** How long the file must rest after an edit before the bench runs it again. */
const RELOAD_AFTER_MS = 400;

/**
 * The lab bench: one panel where the student's file runs live in the webview (in a Web Worker),
 * faults struck by hand. The host gives the page the file and keeps it current as the student
 * types, and writes the run as a scenario when asked.
 */
export class LabBench implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private student: StudentExercise | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private reload: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly workbook: Workbook) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.student === undefined || e.document.uri.toString() !== this.student.uri.toString()) return;
        clearTimeout(this.reload);
        this.reload = setTimeout(() => this.post({ type: 'source', source: e.document.getText() }), RELOAD_AFTER_MS);
      }),
    );
  }

  open(student: StudentExercise): void {
    this.student = student;
    if (this.panel) {
      this.panel.title = this.title(student);
      this.panel.reveal(undefined, false);
      void this.init();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANELS.bench, this.title(student), vscode.ViewColumn.Beside, {
      ...webviewOptions(this.workbook),
      // The run goes on while the panel is behind another tab.
      retainContextWhenHidden: true,
    });
    panel.iconPath = this.workbook.asset('media', 'icons', 'trace.svg');
    panel.webview.html = pageHtml(panel.webview, this.workbook, {
      title: this.title(student),
      lang: settings.language(),
      script: 'labBench',
      style: 'labBench',
      runsStudentCode: true,
    });
    const listening = panel.webview.onDidReceiveMessage((m: unknown) => void this.handle(asBenchToHost(m)));
    panel.onDidDispose(() => {
      listening.dispose();
      clearTimeout(this.reload);
      this.panel = undefined;
      this.student = undefined;
    });
    this.panel = panel;
  }

  private title(student: StudentExercise): string {
    return vscode.l10n.t('Lab Bench: {0}', student.exercise.id);
  }

  private post(message: HostToBench): void {
    void this.panel?.webview.postMessage(message);
  }

  private async init(): Promise<void> {
    const student = this.student;
    const exercise = student && this.workbook.exercise(student.exercise.id);
    if (student === undefined || exercise === undefined) return;
    const [document, script] = await Promise.all([
      vscode.workspace.openTextDocument(student.uri),
      vscode.workspace.fs.readFile(this.workbook.asset('dist', 'webview', 'labBenchWorker.js')),
    ]);
    this.post({
      type: 'init',
      exercise: exercise.id,
      title: exercise.title,
      file: student.file,
      source: document.getText(),
      // The exercise's own scenarios: a saved one is a run the student can replay from its file.
      scenarios: exercise.scenarios.map((s) => ({
        name: s.name,
        description: s.description,
        nodes: s.nodes,
        duration: s.duration,
        generated: s.runs !== undefined,
      })),
      explorable: exercise.explore !== undefined,
      workerScript: new TextDecoder().decode(script),
    });
  }

  private async handle(message: BenchToHost | undefined): Promise<void> {
    const student = this.student;
    if (message === undefined || student === undefined) return;
    switch (message.type) {
      case 'ready':
        await this.init();
        return;
      case 'save':
        await this.save(student, message.scenario);
        return;
      case 'openSource': {
        const position = new vscode.Position(Math.max(0, message.line - 1), Math.max(0, message.column - 1));
        await vscode.window.showTextDocument(student.uri, {
          selection: new vscode.Range(position, position),
          viewColumn: vscode.ViewColumn.One,
        });
        return;
      }
    }
  }

  /** Asks for a name and writes the run beside the student's file, where the Testing view finds it. */
  private async save(student: StudentExercise, scenario: unknown): Promise<void> {
    const exercise = this.workbook.exercise(student.exercise.id);
    if (exercise === undefined) return;
    const checked = parseStudentScenario(scenario, exercise);
    if (typeof checked === 'string') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The run cannot be saved as a scenario: {0}', checked));
      return;
    }
    const taken = student.exercise.scenarios.map((s) => s.name);
    const name = await vscode.window.showInputBox({
      prompt: vscode.l10n.t('Name the scenario: it is saved beside your file, and the Testing view runs it'),
      value: 'my-scenario',
      validateInput: (text) => scenarioNameProblem(text, taken, vscode.l10n.t),
    });
    if (name === undefined) return;
    const file = savedScenarioPath(student.file, name);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(student.folder.uri, file),
      new TextEncoder().encode(savedScenarioText(checked)),
    );
    await this.workbook.students.refresh();
    this.student = this.workbook.students.byId(student.exercise.id) ?? student;
    this.post({ type: 'saved', file });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

import * as vscode from 'vscode';
import { asSavedRun, type SavedRun } from './core/traceFile';
import { PANELS } from './ids';
import { shownRun, TraceView, type ShownTrace } from './traceView';
import type { TraceRequest, TraceResult } from './traceRuns';
import { webviewOptions } from './webviewPage';
import type { Workbook } from './workbook';

/** Where the last trace shown is kept, so the panel comes back after a window reload. */
const SAVED_RUN_KEY = 'distsys.traceRun';
const SAVED_TRACE_FILE = 'last.trace.json';

/**
 * The space-time diagram of one run, in a single panel reused for every run. From the page the
 * student can run another seed, shrink the failing run, or save the trace file. The last run is
 * kept in the workspace's storage, and the panel restored from it after a reload.
 */
export class TracePanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private view: TraceView | undefined;
  private readonly registration: vscode.Disposable;

  constructor(private readonly workbook: Workbook) {
    this.registration = vscode.window.registerWebviewPanelSerializer(PANELS.trace, this);
  }

  show(result: TraceResult): void {
    const shown = shownRun(result);
    void this.save(shown);
    if (this.view) {
      this.view.show(shown);
      this.view.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANELS.trace,
      shown.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.workbook),
    );
    this.adopt(panel, shown);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    const shown = this.view === undefined ? await this.restore() : undefined;
    if (shown === undefined) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.workbook);
    this.adopt(panel, shown);
  }

  private adopt(panel: vscode.WebviewPanel, shown: ShownTrace): void {
    // A revived panel comes back with the title it was created with, not the run it showed last.
    panel.title = shown.title;
    const view = new TraceView(this.workbook, panel, shown, (result) => this.show(result));
    this.view = view;
    panel.onDidDispose(() => {
      view.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  private storage(): vscode.Uri {
    const { storageUri, globalStorageUri } = this.workbook.context;
    return storageUri ?? globalStorageUri;
  }

  /** Keeps the run in the workspace's storage: its text in a file (it can be large), the rest in the state. */
  private async save(shown: ShownTrace): Promise<void> {
    const request = shown.request;
    if (request === undefined) return;
    const saved: SavedRun = {
      title: shown.title,
      exercise: request.student.exercise.id,
      scenario: request.scenario,
      seed: request.seed,
      ...(request.faults ? { faults: request.faults } : {}),
      ...(request.duration !== undefined ? { duration: request.duration } : {}),
      ...(request.shrunk ? { shrunk: true } : {}),
      ...(request.source !== undefined ? { source: request.source } : {}),
      ...(shown.note ? { note: shown.note } : {}),
      ...(shown.highlight ? { highlight: shown.highlight } : {}),
    };
    try {
      await vscode.workspace.fs.createDirectory(this.storage());
      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(this.storage(), SAVED_TRACE_FILE),
        new TextEncoder().encode(shown.text),
      );
      await this.workbook.context.workspaceState.update(SAVED_RUN_KEY, saved);
    } catch (error) {
      this.workbook.output.appendLine(
        `The trace could not be kept for a reload: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async restore(): Promise<ShownTrace | undefined> {
    const saved = asSavedRun(this.workbook.context.workspaceState.get(SAVED_RUN_KEY));
    if (saved === undefined) return undefined;
    let text: string;
    try {
      text = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage(), SAVED_TRACE_FILE)),
      );
    } catch {
      return undefined;
    }
    const student = this.workbook.students.byId(saved.exercise);
    const request: TraceRequest | undefined = student && {
      student,
      scenario: saved.scenario,
      seed: saved.seed,
      ...(saved.faults ? { faults: saved.faults } : {}),
      ...(saved.duration !== undefined ? { duration: saved.duration } : {}),
      ...(saved.shrunk ? { shrunk: true } : {}),
      ...(saved.source !== undefined ? { source: saved.source } : {}),
      ...(saved.note ? { note: saved.note } : {}),
    };
    return {
      text,
      title: saved.title,
      ...(request ? { request } : {}),
      ...(saved.highlight ? { highlight: saved.highlight } : {}),
      ...(saved.note ? { note: saved.note } : {}),
    };
  }

  dispose(): void {
    this.view?.panel.dispose();
    this.registration.dispose();
  }
}

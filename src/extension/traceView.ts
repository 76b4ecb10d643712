import * as vscode from 'vscode';
import type { HostToTraceViewer, TraceViewerToHost } from '../webview/traceViewer/protocol';
import { settings } from './config';
import { STUDENT_ROOT } from './core/exerciseFiles';
import { traceFileName, traceOrigin } from './core/traceFile';
import { runTrace, shrinkTrace, type TraceRequest, type TraceResult } from './traceRuns';
import { pageHtml } from './webviewPage';
import type { Workbook } from './workbook';

/** A trace on show: a run the workbook made (it can be run again), or a file opened from disk. */
export interface ShownTrace {
  text: string;
  title: string;
  highlight?: number[];
  note?: string;
  /** The run behind it; a trace file's own header names one to run again, if that exercise is started. */
  request?: TraceRequest;
}

export function shownRun(result: TraceResult): ShownTrace {
  const { request } = result;
  return {
    text: result.text,
    title: traceTitle(request),
    request,
    ...(result.highlight ? { highlight: result.highlight } : {}),
    ...(request.note ? { note: request.note } : {}),
  };
}

/**
 * One webview showing a trace, and the page's requests: run another seed, shrink, save the file,
 * open the student's file at a line. A new run goes to `showRun` (the run panel).
 */
export class TraceView implements vscode.Disposable {
  private readonly listening: vscode.Disposable;

  constructor(
    private readonly workbook: Workbook,
    readonly panel: vscode.WebviewPanel,
    private shown: ShownTrace,
    private readonly showRun: (result: TraceResult) => void,
  ) {
    panel.iconPath = workbook.asset('media', 'icons', 'trace.svg');
    panel.webview.html = pageHtml(panel.webview, workbook, {
      title: shown.title,
      lang: settings.language(),
      script: 'traceViewer',
      style: 'traceViewer',
    });
    this.listening = panel.webview.onDidReceiveMessage((message: TraceViewerToHost) => void this.handle(message));
  }

  get current(): ShownTrace {
    return this.shown;
  }

  show(shown: ShownTrace): void {
    this.shown = shown;
    this.panel.title = shown.title;
    this.post();
  }

  /** The page loads again each time it is shown (no state is kept while hidden): it asks with `ready`. */
  private post(): void {
    const { text, title, highlight, note } = this.shown;
    const message: HostToTraceViewer = {
      type: 'showTrace',
      traceText: text,
      title,
      ...(highlight ? { highlight } : {}),
      ...(note ? { note } : {}),
    };
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: TraceViewerToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post();
        break;
      case 'rerun': {
        // Another seed runs the file as it is now, not a recorded submission.
        const request = this.runnable();
        if (request === undefined) return;
        const { student, scenario } = request;
        const result = await runTrace(this.workbook, { student, scenario, seed: message.seed });
        if (result) this.showRun(result);
        break;
      }
      case 'shrink': {
        const request = this.runnable();
        if (request === undefined) return;
        const result = await shrinkTrace(this.workbook, request);
        if (result) this.showRun(result);
        break;
      }
      case 'export':
        await this.export();
        break;
      case 'openSource':
        await this.openSource(message.file, message.line, message.column);
        break;
    }
  }

  /** The run behind the trace, or the one its header names; says why there is none. */
  private runnable(): TraceRequest | undefined {
    if (this.shown.request) return this.shown.request;
    const origin = traceOrigin(this.shown.text);
    const student = origin && this.workbook.students.byId(origin.exercise);
    if (origin && student && student.exercise.scenarios.some((s) => s.name === origin.scenario))
      return { student, scenario: origin.scenario, seed: origin.seed };
    void vscode.window.showInformationMessage(
      origin
        ? vscode.l10n.t('Start {0} in this workspace to run this trace again.', origin.exercise)
        : vscode.l10n.t('This trace does not say which exercise it is of, so it cannot run again.'),
    );
    return undefined;
  }

  private async export(): Promise<void> {
    const { request, text } = this.shown;
    const origin = traceOrigin(text);
    const name = origin ? traceFileName(origin, request?.shrunk === true) : 'run.trace.json';
    const folder = request?.student.folder.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, STUDENT_ROOT, origin?.exercise ?? '', name) } : {}),
      filters: { [vscode.l10n.t('Trace files')]: ['json'] },
      saveLabel: vscode.l10n.t('Save Trace'),
    });
    if (target === undefined) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Trace saved to {0}.', vscode.workspace.asRelativePath(target)),
    );
  }

  /** Opens a file a failure names (relative to a workspace folder, as the grader names it) at its line, beside the trace. */
  private async openSource(file: string, line: number, column: number): Promise<void> {
    const uri = await this.resolve(file);
    if (uri === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in this workspace.', file));
      return;
    }
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    await vscode.window.showTextDocument(uri, {
      selection: new vscode.Range(position, position),
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
    });
  }

  private async resolve(file: string): Promise<vscode.Uri | undefined> {
    const student = this.shown.request?.student;
    if (student && file === student.file) return student.uri;
    const candidates = /^([A-Za-z]:)?[\\/]/.test(file)
      ? [vscode.Uri.file(file)]
      : (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, file));
    for (const uri of candidates) {
      try {
        await vscode.workspace.fs.stat(uri);
        return uri;
      } catch {
        // not in this folder
      }
    }
    return undefined;
  }

  dispose(): void {
    this.listening.dispose();
  }
}

export function traceTitle(request: TraceRequest): string {
  const { student, scenario, seed, shrunk } = request;
  return shrunk
    ? vscode.l10n.t('{0} · {1} · seed {2} (shrunk)', student.exercise.id, scenario, seed)
    : vscode.l10n.t('{0} · {1} · seed {2}', student.exercise.id, scenario, seed);
}

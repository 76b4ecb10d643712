import * as vscode from 'vscode';
import type { HostToTraceViewer, TraceViewerToHost } from '../webview/traceViewer/protocol';
import { settings } from './config';
import { STUDENT_ROOT } from './core/exerciseFiles';
import { PANELS } from './ids';
import { runTrace, shrinkTrace, type TraceResult } from './traceRuns';
import { pageHtml, webviewOptions } from './webviewPage';
import type { Workbook } from './workbook';

/**
 * The space-time diagram of one run, in a single panel reused for every trace. From the page the
 * student can run another seed, shrink the failing run, or save the trace file.
 */
export class TracePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: TraceResult | undefined;

  constructor(private readonly workbook: Workbook) {}

  show(result: TraceResult): void {
    this.current = result;
    if (this.panel) {
      this.panel.title = traceTitle(result);
      this.panel.reveal(undefined, true);
      this.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANELS.trace,
      traceTitle(result),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.workbook),
    );
    this.panel = panel;
    panel.iconPath = this.workbook.asset('media', 'icons', 'trace.svg');
    panel.webview.html = pageHtml(panel.webview, this.workbook, {
      title: panel.title,
      lang: settings.language(),
      script: 'traceViewer',
      style: 'traceViewer',
    });
    const listening = panel.webview.onDidReceiveMessage((message: TraceViewerToHost) => void this.handle(message));
    panel.onDidDispose(() => {
      listening.dispose();
      this.panel = undefined;
      this.current = undefined;
    });
  }

  private async handle(message: TraceViewerToHost): Promise<void> {
    const current = this.current;
    if (current === undefined) return;
    switch (message.type) {
      case 'ready':
        this.post();
        break;
      case 'rerun': {
        const { student, scenario } = current.request;
        const result = await runTrace(this.workbook, { student, scenario, seed: message.seed });
        if (result) this.show(result);
        break;
      }
      case 'shrink': {
        const result = await shrinkTrace(this.workbook, current.request);
        if (result) this.show(result);
        break;
      }
      case 'export':
        await this.export(current);
        break;
    }
  }

  /** The page loads again each time it is shown (no state is kept while hidden): it asks with `ready`. */
  private post(): void {
    const { panel, current } = this;
    if (panel === undefined || current === undefined) return;
    const message: HostToTraceViewer = {
      type: 'showTrace',
      traceText: current.text,
      title: traceTitle(current),
      ...(current.highlight ? { highlight: current.highlight } : {}),
    };
    void panel.webview.postMessage(message);
  }

  private async export(current: TraceResult): Promise<void> {
    const { student, scenario, seed } = current.request;
    const name = `${student.exercise.id}.${scenario}.${seed}${current.request.faults ? '.shrunk' : ''}.trace.json`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(student.folder.uri, STUDENT_ROOT, student.exercise.id, name),
      filters: { [vscode.l10n.t('Trace files')]: ['json'] },
      saveLabel: vscode.l10n.t('Save Trace'),
    });
    if (target === undefined) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(current.text));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Trace saved to {0}.', vscode.workspace.asRelativePath(target)),
    );
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function traceTitle(result: TraceResult): string {
  const { student, scenario, seed, faults } = result.request;
  return faults
    ? vscode.l10n.t('{0} · {1} · seed {2} (shrunk)', student.exercise.id, scenario, seed)
    : vscode.l10n.t('{0} · {1} · seed {2}', student.exercise.id, scenario, seed);
}

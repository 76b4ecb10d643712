import * as vscode from 'vscode';
import { traceOrigin } from './core/traceFile';
import { EDITORS } from './ids';
import type { TracePanel } from './tracePanel';
import { TraceView } from './traceView';
import { webviewOptions } from './webviewPage';
import type { Workbook } from './workbook';

/**
 * Trace files (`*.trace.json`: exported from the viewer, written by `distsys run --trace`) open in
 * the trace viewer, read-only. A run started from one (another seed, shrink) goes to the run panel.
 */
class TraceFileEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly workbook: Workbook,
    private readonly runs: TracePanel,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = webviewOptions(this.workbook);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    const origin = traceOrigin(text);
    const title = origin ? `${name} · ${origin.exercise} · ${origin.scenario} · seed ${origin.seed}` : name;
    const view = new TraceView(this.workbook, panel, { text, title }, (result) => this.runs.show(result));
    panel.onDidDispose(() => view.dispose());
  }
}

export function registerTraceFiles(workbook: Workbook, runs: TracePanel): void {
  workbook.context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(EDITORS.traceFile, new TraceFileEditor(workbook, runs), {
      webviewOptions: { enableFindWidget: true },
    }),
  );
}

/** "Open Trace File…": the file given (an explorer menu), or one the student picks, in the trace viewer. */
export async function openTraceFile(arg?: vscode.Uri): Promise<void> {
  const uri =
    arg instanceof vscode.Uri
      ? arg
      : (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { [vscode.l10n.t('Trace files')]: ['json'] },
            openLabel: vscode.l10n.t('Open Trace'),
          })
        )?.[0];
  if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, EDITORS.traceFile);
}

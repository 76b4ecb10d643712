import * as vscode from 'vscode';

/** Why grading is off in Restricted Mode, in the words every refusal uses. */
export function restrictedReason(): string {
  return vscode.l10n.t(
    'Grading and running exercises execute the code in this workspace, so they are off in Restricted Mode. Trust the workspace to turn them on; lessons stay readable.',
  );
}

/** True when student code may run here; otherwise says why, with a way to change it. */
export function mayRunCode(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(restrictedReason(), manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

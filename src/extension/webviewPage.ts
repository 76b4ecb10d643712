import type * as vscode from 'vscode';
import { makeNonce, webviewHtml } from './core/webviewHtml';
import type { Workbook } from './workbook';

/** Scripts run; resources load only from the bundles, the media and the lessons. No state is kept while hidden. */
export function webviewOptions(workbook: Workbook): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [workbook.asset('dist'), workbook.asset('media'), workbook.asset('lessons')],
  };
}

/** A page loading `dist/webview/<script>.js` and `media/<style>.css` under a strict content security policy. */
export function pageHtml(
  webview: vscode.Webview,
  workbook: Workbook,
  page: { title: string; lang: string; script: string; style: string; runsStudentCode?: boolean },
): string {
  return webviewHtml({
    title: page.title,
    lang: page.lang,
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    script: webview.asWebviewUri(workbook.asset('dist', 'webview', `${page.script}.js`)).toString(),
    style: webview.asWebviewUri(workbook.asset('media', `${page.style}.css`)).toString(),
    ...(page.runsStudentCode ? { runsStudentCode: true } : {}),
  });
}

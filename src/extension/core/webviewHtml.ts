import { randomBytes } from 'node:crypto';

/** What a webview page is made of; every URI is already a webview URI. The script builds the page's content. */
export interface WebviewPage {
  title: string;
  /** The page's language, for fonts and screen readers: "en", "zh-cn". */
  lang: string;
  cspSource: string;
  nonce: string;
  script: string;
  style: string;
  /**
   * The page runs the student's code (the lab bench): in a Web Worker it starts from a blob of a
   * script the extension sent, which transpiles and evaluates that code.
   */
  runsStudentCode?: boolean;
}

/**
 * Nothing loads unless it is ours: styles, images and fonts from the extension's own resources,
 * scripts only with this page's nonce, no inline style and no network. A page that runs the
 * student's code may also start a worker from a blob and evaluate code (`unsafe-eval`: the
 * student's transpiled file, in that worker, which inherits this policy); still nothing remote.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, runsStudentCode = false): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    runsStudentCode ? `script-src 'nonce-${nonce}' 'unsafe-eval'` : `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    ...(runsStudentCode ? ['worker-src blob:'] : []),
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(page.cspSource, page.nonce, page.runsStudentCode))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.style)}">
<title>${escapeText(page.title)}</title>
</head>
<body>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.script)}"></script>
</body>
</html>
`;
}

/** A fresh nonce for every page: 128 random bits. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64url');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

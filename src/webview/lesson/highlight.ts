import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import typescript from 'highlight.js/lib/languages/typescript';
import { escapeHtml } from './escape';

// Only the languages lessons use, so the webview bundle stays small. Each brings its own aliases
// (ts, js, sh, shell, jsonc...).
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('json', json);
hljs.registerLanguage('bash', bash);

/**
 * Highlighted HTML for a code block's text: `hljs-*` spans whose colours come from the theme
 * stylesheet. Unknown languages are escaped, not guessed.
 */
export function highlightCode(code: string, language: string): string {
  if (!hljs.getLanguage(language)) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

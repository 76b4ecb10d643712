/** `vscode.l10n.t` as the pure modules see it, so they can be tested without VS Code. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

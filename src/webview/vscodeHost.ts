interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** A page's channel to the extension that hosts it, typed by what the page may say. */
export interface Host<Out> {
  post: (message: Out) => void;
  loadState: () => unknown;
  saveState: (state: unknown) => void;
}

/** VS Code's webview API when the page runs inside VS Code; undefined on a plain page. */
export function vscodeHost<Out>(): Host<Out> | undefined {
  if (typeof acquireVsCodeApi !== 'function') return undefined;
  const api = acquireVsCodeApi();
  return { post: (m) => api.postMessage(m), loadState: () => api.getState(), saveState: (s) => api.setState(s) };
}

/// <reference lib="dom" />
import type { LessonToHostMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Host {
  post(message: LessonToHostMessage): void;
  loadState(): unknown;
  saveState(state: unknown): void;
}

/** The webview's channel to the extension; on a page outside VS Code nothing is sent or saved. */
export function connectHost(): Host {
  if (typeof acquireVsCodeApi !== 'function') return { post: () => undefined, loadState: () => undefined, saveState: () => undefined };
  const api = acquireVsCodeApi();
  return { post: (m) => api.postMessage(m), loadState: () => api.getState(), saveState: (s) => api.setState(s) };
}

/// <reference lib="dom" />
import type { TraceViewerToHost } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Host {
  post(message: TraceViewerToHost): void;
  loadState(): unknown;
  saveState(state: unknown): void;
}

/**
 * The channel to whoever shows the viewer: VS Code's API inside a webview; outside it, the parent
 * window when framed, and always a `trace-viewer:post` event on this window so a test page can
 * watch. Outside VS Code nothing is saved.
 */
export function connectHost(): Host {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return { post: (m) => api.postMessage(m), loadState: () => api.getState(), saveState: (s) => api.setState(s) };
  }
  return {
    post: (m) => {
      if (window.parent !== window) window.parent.postMessage(m, '*');
      window.dispatchEvent(new CustomEvent('trace-viewer:post', { detail: m }));
    },
    loadState: () => undefined,
    saveState: () => undefined,
  };
}

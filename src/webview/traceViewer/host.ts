/// <reference lib="dom" />
import type { TraceViewerToHost } from './protocol';
import { vscodeHost, type Host as PageHost } from '../vscodeHost';

export type Host = PageHost<TraceViewerToHost>;

/**
 * The channel to whoever shows the viewer: VS Code's API inside a webview; outside it, the parent
 * window when framed, and always a `trace-viewer:post` event on this window so a test page can
 * watch. Outside VS Code nothing is saved.
 */
export function connectHost(): Host {
  return (
    vscodeHost<TraceViewerToHost>() ?? {
      post: (m) => {
        if (window.parent !== window) window.parent.postMessage(m, '*');
        window.dispatchEvent(new CustomEvent('trace-viewer:post', { detail: m }));
      },
      loadState: () => undefined,
      saveState: () => undefined,
    }
  );
}

/// <reference lib="dom" />
import type { DiagramController } from '../diagram/controller';
import { vscodeHost } from '../vscodeHost';
import { localeOf } from '../traceViewer/strings';
import { BenchPage } from './page';
import { asHostToBench, type BenchToHost } from './protocol';
import { benchStrings } from './strings';

/**
 * The lab bench webview's entry point: builds the page, takes the extension's messages, says
 * `ready`. Outside VS Code (a test page) what it says goes out as a `bench:post` event.
 */
const host = vscodeHost<BenchToHost>() ?? {
  post: (m: BenchToHost) => window.dispatchEvent(new CustomEvent('bench:post', { detail: m })),
  loadState: () => undefined,
  saveState: () => undefined,
};
const language = localeOf(document.documentElement.lang);
const root = document.getElementById('bench') ?? document.body.appendChild(document.createElement('main'));
const page = new BenchPage(root, host, benchStrings[language], language);

/** The run's diagram, for tests that drive the page from outside. */
declare global {
  interface Window {
    __diagram?: DiagramController;
  }
}
Object.defineProperty(window, '__diagram', { get: () => page.shownDiagram });

window.addEventListener('message', (event: MessageEvent) => {
  const message = asHostToBench(event.data);
  if (message) page.receive(message);
});

host.post({ type: 'ready' });

/// <reference lib="dom" />
import { asHostMessage } from './protocol';
import { connectHost } from './host';
import { localeOf, viewerStrings } from './strings';
import { TraceViewer } from './viewer';

/**
 * The trace viewer webview's entry point: builds the page, listens for `showTrace`, says `ready`.
 * Keys typed outside form controls go to the diagram, so ← → and space work wherever focus is.
 */
const host = connectHost();
const root = document.getElementById('trace-viewer') ?? document.body.appendChild(document.createElement('main'));
const viewer = new TraceViewer(root, host, viewerStrings[localeOf(document.documentElement.lang)]);

/** The live diagram, for tests and benchmarks that drive the page from outside. */
declare global {
  interface Window {
    __diagram?: TraceViewer['current'];
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = asHostMessage(event.data);
  if (message === undefined) return;
  viewer.show(message);
  window.__diagram = viewer.current;
});

/** Fields that take text keep their keys; checkboxes and buttons do not type. */
const typing = (target: EventTarget | null): boolean =>
  (target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type)) ||
  target instanceof HTMLTextAreaElement ||
  target instanceof HTMLSelectElement ||
  (target instanceof HTMLElement && target.isContentEditable);

document.addEventListener('keydown', (e) => {
  const diagram = viewer.current;
  if (diagram === undefined || e.defaultPrevented || typing(e.target)) return;
  // Inside the diagram its own listener has already run.
  if (diagram.element.contains(e.target as Node)) return;
  // A focused control keeps space and enter for itself.
  if (
    (e.key === ' ' || e.key === 'Enter') &&
    e.target instanceof Element &&
    e.target.matches('button, input, summary, a')
  )
    return;
  if (diagram.handleKey(e)) e.preventDefault();
});

// Open filter menus close when the pointer goes down, or the focus moves, anywhere else.
const closeMenusOutside = (e: Event): void => {
  document.querySelectorAll('details.tv-menu[open]').forEach((menu) => {
    if (!menu.contains(e.target as Node)) menu.removeAttribute('open');
  });
};
document.addEventListener('pointerdown', closeMenusOutside);
document.addEventListener('focusin', closeMenusOutside);

host.post({ type: 'ready' });

/// <reference lib="dom" />
import type { TraceVerdict } from './protocol';
import { fmt } from '../diagram/details';
import { button, h } from './dom';
import { splitLocations, type SourceRef } from './locations';

export interface BannerActions {
  /** Takes the diagram to the violation. */
  jump(): void;
  /** Opens the student's file where a message points. */
  openSource(ref: SourceRef): void;
}

/**
 * The verdict at the top: which property failed, in the checker's words, where in the student's
 * file (as links to it), and a button that takes the diagram to the violation. Passing runs get a
 * quiet line. A note, when there is one, says which submission the run is of.
 */
export function renderBanner(
  banner: HTMLElement,
  verdict: TraceVerdict | undefined,
  on: BannerActions,
  note?: string,
): void {
  banner.replaceChildren();
  banner.className = 'tv-banner';
  if (verdict === undefined) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  const noteLine = note === undefined ? [] : [h('div', { class: 'tv-banner-note tv-banner-submission', text: note })];
  const linked = (cls: string, text: string): HTMLElement => withLinks(h('div', { class: cls }), text, on);
  const f = verdict.failure;
  if (verdict.passed || f === undefined) {
    banner.classList.add('tv-pass');
    banner.append(
      h('span', { class: 'tv-banner-icon', text: '✓' }),
      h(
        'div',
        { class: 'tv-banner-body' },
        h('strong', { text: 'Every check passed on this run.' }),
        ...noteLine,
        ...(verdict.notes ?? []).map((n) => h('div', { class: 'tv-banner-note', text: n })),
      ),
    );
    return;
  }
  banner.classList.add('tv-fail');
  banner.setAttribute('role', 'alert');
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
  const headline = h(
    'div',
    { class: 'tv-banner-headline' },
    h('strong', { text: f.property }),
    h('span', { class: 'tv-banner-checker', text: f.checker }),
  );
  if (f.at !== undefined) headline.append(h('span', { class: 'tv-banner-when', text: `at ${fmt(f.at)}` }));
  const body = h(
    'div',
    { class: 'tv-banner-body' },
    headline,
    ...noteLine,
    linked('tv-banner-explanation', f.explanation),
  );
  if (where) body.append(linked('tv-banner-where', where));
  const actions = h('div', { class: 'tv-banner-actions' });
  if (f.at !== undefined || (f.events?.length ?? 0) > 0)
    actions.append(
      button(
        'Jump to violation',
        'Show the events that break the property',
        () => on.jump(),
        'tv-button tv-primary tv-jump',
      ),
    );
  banner.append(h('span', { class: 'tv-banner-icon', text: '✕' }), body, actions);
}

/** Appends `text`, each `file:line:column` in it a link that opens the file there. */
function withLinks(element: HTMLElement, text: string, on: BannerActions): HTMLElement {
  for (const part of splitLocations(text)) {
    if (typeof part === 'string') {
      element.append(part);
      continue;
    }
    const link = h('a', {
      class: 'tv-source-link',
      text: part.text,
      title: `Open ${part.file} at line ${part.line}`,
      attrs: { href: '#', role: 'link' },
    });
    link.addEventListener('click', (e) => {
      e.preventDefault();
      on.openSource(part);
    });
    element.append(link);
  }
  return element;
}

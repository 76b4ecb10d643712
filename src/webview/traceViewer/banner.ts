/// <reference lib="dom" />
import { localizedFailure } from '../../grader/localize';
import type { TraceVerdict } from './protocol';
import { fmt } from '../diagram/details';
import { button, h } from './dom';
import type { ViewerStrings } from './strings';

/**
 * The verdict at the top: which property failed, in the checker's words, where in the student's
 * file, and a button that takes the diagram to the violation. Passing runs get a quiet line.
 */
export function renderBanner(
  banner: HTMLElement,
  verdict: TraceVerdict | undefined,
  jump: () => void,
  text: ViewerStrings,
): void {
  banner.replaceChildren();
  banner.className = 'tv-banner';
  if (verdict === undefined) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  const f = verdict.failure;
  if (verdict.passed || f === undefined) {
    banner.classList.add('tv-pass');
    banner.append(
      h('span', { class: 'tv-banner-icon', text: '✓' }),
      h(
        'div',
        { class: 'tv-banner-body' },
        h('strong', { text: text.passed }),
        ...(verdict.notes ?? []).map((n) => h('div', { class: 'tv-banner-note', text: n })),
      ),
    );
    return;
  }
  banner.classList.add('tv-fail');
  banner.setAttribute('role', 'alert');
  const { property, explanation } = localizedFailure(f, text.language);
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
  const headline = h(
    'div',
    { class: 'tv-banner-headline' },
    h('strong', { text: property }),
    h('span', { class: 'tv-banner-checker', text: f.checker }),
  );
  if (f.at !== undefined) headline.append(h('span', { class: 'tv-banner-when', text: text.at(fmt(f.at)) }));
  const body = h(
    'div',
    { class: 'tv-banner-body' },
    headline,
    h('div', { class: 'tv-banner-explanation', text: explanation }),
  );
  if (where) body.append(h('div', { class: 'tv-banner-where', text: where }));
  const actions = h('div', { class: 'tv-banner-actions' });
  if (f.at !== undefined || (f.events?.length ?? 0) > 0)
    actions.append(button(text.jump, text.jumpTitle, jump, 'tv-button tv-primary tv-jump'));
  banner.append(h('span', { class: 'tv-banner-icon', text: '✕' }), body, actions);
}

/// <reference lib="dom" />
import type { LessonRef, ShowLessonMessage } from './protocol';
import type { LessonStrings } from './strings';

/** The page around the lesson: contents, exercise buttons, previous/next. Links in it are handled by linkClicks.ts. */
export interface Layout {
  root: HTMLElement;
  toc: HTMLElement;
  topActions: HTMLElement;
  article: HTMLElement;
  bottomActions: HTMLElement;
  pager: HTMLElement;
}

export interface ChromeActions {
  open(ref: LessonRef): void;
  startExercise(exercise: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  parent?: HTMLElement,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  parent?.append(element);
  return element;
}

export function buildLayout(body: HTMLElement): Layout {
  const root = el('div', 'lesson-page');
  const toc = el('nav', 'lesson-toc', root);
  const main = el('main', 'lesson-main', root);
  const topActions = el('div', 'lesson-actions', main);
  const article = el('article', 'lesson-body', main);
  const footer = el('footer', 'lesson-footer', main);
  const bottomActions = el('div', 'lesson-actions', footer);
  const pager = el('nav', 'lesson-pager', footer);
  body.replaceChildren(root);
  return { root, toc, topActions, article, bottomActions, pager };
}

/** Everything around the article that depends on the lesson shown. Text goes in as text, never as markup. */
export function fillChrome(
  layout: Layout,
  message: ShowLessonMessage,
  text: LessonStrings,
  actions: ChromeActions,
): void {
  const toc = message.toc ?? [];
  layout.toc.hidden = toc.length < 2;
  layout.toc.setAttribute('aria-label', text.contents);
  layout.toc.replaceChildren();
  if (toc.length >= 2) {
    el('p', 'lesson-toc-title', layout.toc).textContent = text.contents;
    const list = el('ul', '', layout.toc);
    for (const entry of toc) {
      const item = el('li', `toc-level-${entry.level}`, list);
      const link = el('a', '', item);
      link.href = `#${entry.id}`;
      link.textContent = entry.text;
    }
  }

  for (const bar of [layout.topActions, layout.bottomActions]) {
    bar.replaceChildren();
    for (const exercise of message.exercises ?? []) {
      const button = el('button', 'start-exercise', bar);
      button.type = 'button';
      button.textContent =
        (message.exercises?.length ?? 0) > 1 ? `${text.startExercise}: ${exercise.title}` : text.startExercise;
      button.title = exercise.title;
      button.addEventListener('click', () => actions.startExercise(exercise.id));
    }
    bar.hidden = bar.childElementCount === 0;
  }

  layout.pager.setAttribute('aria-label', `${text.previous} / ${text.next}`);
  layout.pager.replaceChildren();
  const pagerButton = (ref: LessonRef | undefined, label: string, className: string, keys: string): void => {
    const button = el('button', className, layout.pager);
    button.type = 'button';
    button.hidden = ref === undefined;
    if (!ref) return;
    el('span', 'pager-label', button).textContent = label;
    el('span', 'pager-title', button).textContent = ref.title;
    button.setAttribute('aria-keyshortcuts', keys);
    button.addEventListener('click', () => actions.open(ref));
  };
  pagerButton(message.prev, `← ${text.previous}`, 'pager-prev', 'ArrowLeft [');
  pagerButton(message.next, `${text.next} →`, 'pager-next', 'ArrowRight ]');
}

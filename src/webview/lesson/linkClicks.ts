/// <reference lib="dom" />
import type { LessonToHostMessage } from './protocol';

/**
 * Nothing in the lesson navigates the webview itself: external links open outside the editor,
 * lesson and file links go to the host, and in-page links scroll.
 */
export function wireLinks(
  root: HTMLElement,
  post: (m: LessonToHostMessage) => void,
  scrollToAnchor: (id: string) => void,
  currentLesson: () => string | undefined,
): void {
  root.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) return;
    const link = event.target.closest('a');
    if (!link || !link.hasAttribute('href')) return;
    event.preventDefault();
    const href = link.getAttribute('href')!;
    const { external, lesson, anchor, file } = link.dataset;
    if (external !== undefined) post({ type: 'openLink', href });
    else if (file !== undefined) post({ type: 'openFile', path: file });
    else if (lesson !== undefined && lesson === currentLesson() && anchor !== undefined) scrollToAnchor(anchor);
    else if (lesson !== undefined)
      post(anchor !== undefined ? { type: 'openLesson', lesson, anchor } : { type: 'openLesson', lesson });
    else if (href.startsWith('#')) scrollToAnchor(decodeFragment(href.slice(1)));
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

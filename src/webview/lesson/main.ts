/// <reference lib="dom" />
/**
 * The lesson view's page script. The host renders the lesson (render.ts) and posts it here; this
 * script shows it and makes it interactive: quizzes, live simulations, links, previous/next and
 * keys, and it remembers scroll positions and answers across reloads of the webview.
 */
import { wireKeys } from './keys';
import { wireLinks } from './linkClicks';
import { buildLayout, fillChrome } from './layout';
import { readPageState, type LessonState } from './pageState';
import { isHostMessage, type HostToLessonMessage, type LessonRef, type ShowLessonMessage } from './protocol';
import { wireQuiz } from './quizView';
import { mountSims, type MountedSims } from './simMount';
import { strings } from './strings';
import { connectHost } from './vscodeApi';

const host = connectHost();
const state = readPageState(host.loadState());
const layout = buildLayout(document.body);
let current: ShowLessonMessage | undefined;
let sims: MountedSims | undefined;

function lessonState(lesson: string): LessonState {
  return (state.lessons[lesson] ??= { scroll: 0, quizzes: {} });
}

function scrollToAnchor(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  // Move keyboard focus along, so Tab continues from the section that was opened.
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

function open(ref: LessonRef | undefined): void {
  if (ref) host.post({ type: 'openLesson', lesson: ref.lesson });
}

function show(message: ShowLessonMessage): void {
  const sameLesson = current?.lesson === message.lesson;
  const keptScroll = window.scrollY;
  current = message;
  const text = strings[message.locale ?? 'en'];
  document.title = message.title;
  sims?.dispose();
  layout.article.innerHTML = message.html;
  fillChrome(layout, message, text, {
    open,
    startExercise: (exercise) => host.post({ type: 'startExercise', exercise }),
  });

  const saved = lessonState(message.lesson);
  for (const form of Array.from(layout.article.querySelectorAll<HTMLFormElement>('form.quiz'))) {
    const quiz = form.dataset['quiz'] ?? '';
    wireQuiz(form, {
      text,
      saved: saved.quizzes[quiz],
      onState: (s) => {
        saved.quizzes[quiz] = s;
        host.saveState(state);
      },
      onChecked: (correct) => host.post({ type: 'quizAnswered', lesson: message.lesson, quiz, correct }),
    });
  }
  sims = mountSims(layout.article, text, message.locale ?? 'en');
  sims.provide(message.sims, message.simErrors ?? {});

  if (message.anchor !== undefined) scrollToAnchor(message.anchor);
  // A restored position is where the reader was, not a move to watch.
  else window.scrollTo({ top: sameLesson ? keptScroll : saved.scroll, behavior: 'instant' });
}

function handle(message: HostToLessonMessage): void {
  switch (message.type) {
    case 'showLesson':
      show(message);
      break;
    case 'simTraces':
      if (current?.lesson === message.lesson) sims?.provide(message.sims, message.simErrors ?? {});
      break;
    case 'scrollTo':
      scrollToAnchor(message.anchor);
      break;
  }
}

let scrollSaveQueued = false;
window.addEventListener('scroll', () => {
  if (scrollSaveQueued || !current) return;
  scrollSaveQueued = true;
  requestAnimationFrame(() => {
    scrollSaveQueued = false;
    if (!current) return;
    lessonState(current.lesson).scroll = window.scrollY;
    host.saveState(state);
  });
});

window.addEventListener('message', (event) => {
  if (isHostMessage(event.data)) handle(event.data);
});
wireKeys({ previous: () => open(current?.prev), next: () => open(current?.next) });
wireLinks(layout.root, host.post, scrollToAnchor, () => current?.lesson);
host.post({ type: 'ready' });

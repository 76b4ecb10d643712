import type { TocEntry } from './render';
import type { Locale } from './strings';

/** A neighbouring lesson, for the previous/next buttons. */
export interface LessonRef {
  /** Lesson folder: "06-leader-election". */
  lesson: string;
  title: string;
}

export interface ExerciseRef {
  /** Exercise id from the catalog: "raft-election". */
  id: string;
  title: string;
}

/**
 * Host → page: show a lesson. `html` is `renderLesson(...).html`, already sanitized; `sims` maps a
 * sim block's id ("sim-1", from `renderLesson(...).sims`) to its trace file's text.
 */
export interface ShowLessonMessage {
  type: 'showLesson';
  /** Lesson folder; saved scroll position and quiz answers are kept per lesson. */
  lesson: string;
  html: string;
  title: string;
  locale?: Locale;
  toc?: TocEntry[];
  prev?: LessonRef;
  next?: LessonRef;
  /** One "Start the exercise" button each. */
  exercises?: ExerciseRef[];
  sims: Record<string, string>;
  /** Sim blocks whose trace could not be produced, with the reason to show in their place. */
  simErrors?: Record<string, string>;
  /** A heading id to scroll to, instead of the saved position. */
  anchor?: string;
}

/** Host → page: traces that were not ready when the lesson was shown. */
export interface SimTracesMessage {
  type: 'simTraces';
  lesson: string;
  sims: Record<string, string>;
  simErrors?: Record<string, string>;
}

/** Host → page: scroll to a heading of the lesson on screen. */
export interface ScrollToMessage {
  type: 'scrollTo';
  anchor: string;
}

export type HostToLessonMessage = ShowLessonMessage | SimTracesMessage | ScrollToMessage;

export type LessonToHostMessage =
  /** The page script is listening. */
  | { type: 'ready' }
  | { type: 'startExercise'; exercise: string }
  /** An external link (http, https, mailto) to open outside the editor. */
  | { type: 'openLink'; href: string }
  /** A link to a lesson, or a previous/next button. */
  | { type: 'openLesson'; lesson: string; anchor?: string }
  /** A link to a lesson file, relative to the lessons folder: "06-leader-election/starter.ts". */
  | { type: 'openFile'; path: string }
  | { type: 'quizAnswered'; lesson: string; quiz: string; correct: boolean };

const hostTypes = new Set<string>(['showLesson', 'simTraces', 'scrollTo']);

/** Messages arrive as untyped data; anything but a host message is ignored. */
export function isHostMessage(data: unknown): data is HostToLessonMessage {
  return typeof data === 'object' && data !== null && hostTypes.has((data as { type?: unknown }).type as string);
}

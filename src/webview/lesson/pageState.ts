/** What the page remembers across reloads of the webview, per lesson. */
export type QuizOutcome = 'correct' | 'incorrect' | 'revealed';

export interface QuizState {
  /** Indices of the chosen options. */
  chosen: number[];
  outcome?: QuizOutcome;
}

export interface LessonState {
  scroll: number;
  quizzes: Record<string, QuizState>;
}

export interface PageState {
  lessons: Record<string, LessonState>;
}

/** Saved state is whatever an older version of the page wrote: anything unexpected starts fresh. */
export function readPageState(saved: unknown): PageState {
  const lessons = (saved as { lessons?: unknown } | undefined)?.lessons;
  if (typeof lessons !== 'object' || lessons === null) return { lessons: {} };
  const out: PageState = { lessons: {} };
  for (const [lesson, value] of Object.entries(lessons)) {
    const v = value as Partial<LessonState> | null;
    const scroll = typeof v?.scroll === 'number' && Number.isFinite(v.scroll) ? v.scroll : 0;
    const quizzes: Record<string, QuizState> = {};
    for (const [quiz, q] of Object.entries(v?.quizzes ?? {})) {
      const chosen = Array.isArray(q?.chosen) ? q.chosen.filter((n): n is number => Number.isInteger(n)) : [];
      const outcome =
        q?.outcome === 'correct' || q?.outcome === 'incorrect' || q?.outcome === 'revealed' ? q.outcome : undefined;
      quizzes[quiz] = outcome ? { chosen, outcome } : { chosen };
    }
    out.lessons[lesson] = { scroll, quizzes };
  }
  return out;
}

/** The outcome of checking a set of chosen options against the correct ones. */
export function judge(chosen: readonly number[], correct: readonly number[]): boolean {
  return chosen.length === correct.length && correct.every((i) => chosen.includes(i));
}

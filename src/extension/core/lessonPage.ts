import { courseLessons, type LessonLanguage } from '../../../lessons/course';
import { lessonLinkResolver } from '../../webview/lesson/links';
import type { ShowLessonMessage } from '../../webview/lesson/protocol';
import { renderLesson, type RenderedLesson } from '../../webview/lesson/render';
import { simFileName } from './simFiles';
import type { Translate } from './translate';

/** A lesson's markdown rendered as the page shows it, with links resolved among the course's lessons. */
export function renderForPage(source: string, folder: string, language: LessonLanguage): RenderedLesson {
  return renderLesson(source, {
    resolveLink: lessonLinkResolver(
      folder,
      courseLessons().map((l) => l.folder),
    ),
    locale: language,
  });
}

export interface LessonPageInputs {
  folder: string;
  language: LessonLanguage;
  rendered: RenderedLesson;
  /** Precomputed traces by file name; a sim whose file is missing gets an error in its place. */
  traces: ReadonlyMap<string, string>;
  exerciseTitle(id: string): string | undefined;
  anchor?: string;
}

/** The message that shows a lesson: its HTML, its sims' traces, its exercises and its neighbours. */
export function lessonMessage(inputs: LessonPageInputs, t: Translate): ShowLessonMessage {
  const { folder, language, rendered } = inputs;
  const lessons = courseLessons();
  const index = lessons.findIndex((l) => l.folder === folder);
  const lesson = lessons[index];
  const ref = (i: number): { lesson: string; title: string } | undefined => {
    const l = lessons[i];
    return l && { lesson: l.folder, title: l.title[language] };
  };
  const sims: Record<string, string> = {};
  const simErrors: Record<string, string> = {};
  for (const sim of rendered.sims) {
    const trace = inputs.traces.get(simFileName(sim));
    if (trace !== undefined) sims[sim.id] = trace;
    else
      simErrors[sim.id] = t(
        'No precomputed run for {0} / {1} / seed {2}: rebuild the extension (npm run build).',
        sim.exercise,
        sim.scenario,
        sim.seed,
      );
  }
  const prev = index > 0 ? ref(index - 1) : undefined;
  const next = index >= 0 ? ref(index + 1) : undefined;
  return {
    type: 'showLesson',
    lesson: folder,
    html: rendered.html,
    title: rendered.title ?? lesson?.title[language] ?? folder,
    locale: language,
    toc: rendered.toc,
    ...(prev ? { prev } : {}),
    ...(next ? { next } : {}),
    exercises: (lesson?.exercises ?? []).map((id) => ({ id, title: inputs.exerciseTitle(id) ?? id })),
    sims,
    ...(Object.keys(simErrors).length > 0 ? { simErrors } : {}),
    ...(inputs.anchor !== undefined ? { anchor: inputs.anchor } : {}),
  };
}

/** The lesson a restored panel showed: its title is the lesson's course title, in some language. */
export function restoredLesson(title: string): string | undefined {
  return courseLessons().find((l) => Object.values(l.title).includes(title))?.folder;
}

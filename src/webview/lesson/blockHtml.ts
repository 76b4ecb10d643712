import { escapeHtml } from './escape';
import type { QuizContent } from './quizBlock';
import type { SimAttributes } from './simBlock';
import type { LessonStrings } from './strings';

/** Keys of the n-th sim block and quiz (from 1), in metadata, messages and saved state. */
export const simId = (n: number): string => `sim-${n}`;
export const quizId = (n: number): string => `quiz-${n}`;

/** Renders markdown fragments inside a block (a caption, a question) with the lesson's renderer. */
export interface MarkdownFragments {
  block(markdown: string): string;
  inline(markdown: string): string;
}

/**
 * A placeholder the page script fills with a diagram once the host sends the run's trace. The
 * attributes say which run to show; the caption is the block's body.
 */
export function simFigure(
  n: number,
  sim: SimAttributes,
  caption: string,
  md: MarkdownFragments,
  text: LessonStrings,
): string {
  const data = [
    `data-sim="${simId(n)}"`,
    `data-exercise="${escapeHtml(sim.exercise)}"`,
    `data-scenario="${escapeHtml(sim.scenario)}"`,
    `data-seed="${sim.seed}"`,
    ...(sim.height !== undefined ? [`data-height="${sim.height}"`] : []),
    ...(sim.nodes !== undefined ? [`data-nodes="${escapeHtml(sim.nodes.join(','))}"`] : []),
    ...(sim.window !== undefined ? [`data-window="${sim.window.start}-${sim.window.end}"`] : []),
  ];
  const label = `${sim.exercise} · ${sim.scenario} · ${text.seed} ${sim.seed}`;
  const body = caption.trim() === '' ? '' : md.block(caption);
  return (
    `<figure class="sim" ${data.join(' ')}>\n` +
    `<div class="sim-stage" aria-live="polite"><p class="sim-status">${escapeHtml(text.simLoading)}</p></div>\n` +
    `<figcaption>${body}<p class="sim-label">${escapeHtml(label)}</p></figcaption>\n` +
    `</figure>\n`
  );
}

/**
 * A self-check as a form: radio buttons when one option is correct, checkboxes when several are.
 * The page script checks answers against `data-correct` and reveals the explanation.
 */
export function quizForm(n: number, quiz: QuizContent, md: MarkdownFragments, text: LessonStrings): string {
  // Element ids carry a dot, which heading slugs never do.
  const questionId = `quiz.${n}.question`;
  const name = `quiz.${n}.answer`;
  const type = quiz.multiple ? 'checkbox' : 'radio';
  const correct = quiz.options.flatMap((o, i) => (o.correct ? [i] : [])).join(',');
  const options = quiz.options
    .map(
      (o, i) =>
        `<li class="quiz-option"><label><input type="${type}" name="${name}" value="${i}"> ` +
        `<span class="quiz-option-text">${md.inline(o.text)}</span></label></li>`,
    )
    .join('\n');
  const explanation =
    quiz.explanation === '' ? '' : `<div class="quiz-explanation" hidden>${md.block(quiz.explanation)}</div>\n`;
  return (
    `<form class="quiz" data-quiz="${quizId(n)}" data-correct="${correct}">\n` +
    `<fieldset aria-labelledby="${questionId}">\n` +
    `<div class="quiz-question" id="${questionId}">${md.block(quiz.question)}</div>\n` +
    `<p class="quiz-hint">${escapeHtml(quiz.multiple ? text.chooseAll : text.chooseOne)}</p>\n` +
    `<ul class="quiz-options">\n${options}\n</ul>\n` +
    `<div class="quiz-actions"><button type="submit" class="quiz-check">${escapeHtml(text.check)}</button> ` +
    `<button type="button" class="quiz-reveal" hidden>${escapeHtml(text.showAnswer)}</button></div>\n` +
    `<p class="quiz-feedback" role="status" aria-live="polite"></p>\n` +
    explanation +
    `</fieldset>\n</form>\n`
  );
}

/** A visible, readable box in place of a block that could not be rendered, one line per problem. */
export function errorBox(messages: readonly string[], text: LessonStrings): string {
  const items = messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('');
  return `<div class="lesson-error" role="note"><p class="lesson-error-title">${escapeHtml(text.blockError)}</p><ul>${items}</ul></div>\n`;
}

/// <reference lib="dom" />
import { judge, type QuizOutcome, type QuizState } from './pageState';
import type { LessonStrings } from './strings';

export interface QuizWiring {
  text: LessonStrings;
  saved: QuizState | undefined;
  /** Every change of the answer or its outcome, to be saved. */
  onState(state: QuizState): void;
  /** An answer was checked. */
  onChecked(correct: boolean): void;
}

/**
 * Makes a rendered quiz form answerable: "Check" compares the chosen options with `data-correct`
 * and says so; a wrong answer offers "Show answer", which marks the correct options. The
 * explanation appears with a correct or revealed answer. Native inputs and buttons keep it
 * keyboard operable; the feedback line is a live region, so it is read out.
 */
export function wireQuiz(form: HTMLFormElement, wiring: QuizWiring): void {
  const inputs = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]'));
  const correct = (form.dataset['correct'] ?? '')
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
  const feedback = form.querySelector<HTMLElement>('.quiz-feedback');
  const explanation = form.querySelector<HTMLElement>('.quiz-explanation');
  const reveal = form.querySelector<HTMLButtonElement>('.quiz-reveal');
  let outcome: QuizOutcome | undefined;

  const chosen = (): number[] => inputs.flatMap((input, i) => (input.checked ? [i] : []));
  const save = (): void => wiring.onState(outcome ? { chosen: chosen(), outcome } : { chosen: chosen() });

  function show(next: QuizOutcome | undefined, message = ''): void {
    outcome = next;
    form.classList.toggle('quiz-correct', next === 'correct');
    form.classList.toggle('quiz-incorrect', next === 'incorrect');
    form.classList.toggle('quiz-revealed', next === 'revealed');
    if (feedback) feedback.textContent = message;
    if (explanation) explanation.hidden = next !== 'correct' && next !== 'revealed';
    if (reveal) reveal.hidden = next !== 'incorrect';
    inputs.forEach((input, i) => {
      const option = input.closest('.quiz-option');
      const isCorrect = correct.includes(i);
      option?.classList.toggle(
        'is-correct',
        (next === 'correct' && input.checked) || (next === 'revealed' && isCorrect),
      );
      option?.classList.toggle('is-wrong', next === 'revealed' && input.checked && !isCorrect);
    });
  }

  const messageFor = (o: QuizOutcome): string =>
    o === 'correct' ? wiring.text.correct : o === 'incorrect' ? wiring.text.incorrect : wiring.text.revealed;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const answer = chosen();
    if (answer.length === 0) {
      show(undefined, wiring.text.chooseFirst);
      return;
    }
    const right = judge(answer, correct);
    show(right ? 'correct' : 'incorrect', messageFor(right ? 'correct' : 'incorrect'));
    save();
    wiring.onChecked(right);
  });

  reveal?.addEventListener('click', () => {
    show('revealed', messageFor('revealed'));
    save();
    // The button just hid itself; keep focus in the quiz, on what was revealed.
    if (explanation) {
      explanation.tabIndex = -1;
      explanation.focus();
    } else inputs[correct[0] ?? 0]?.focus();
  });

  form.addEventListener('change', () => {
    show(undefined);
    save();
  });

  if (wiring.saved) {
    inputs.forEach((input, i) => (input.checked = wiring.saved!.chosen.includes(i)));
    const restored = wiring.saved.outcome;
    show(restored, restored ? messageFor(restored) : '');
  }
}

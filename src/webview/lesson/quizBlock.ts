/**
 * The body of a self-check quiz block:
 *
 *     ```quiz
 *     Why must votedFor survive a crash?
 *     - [ ] It makes elections faster
 *     - [x] Otherwise a node could vote twice in one term, and two leaders could win it
 *     > A restarted node that forgot its vote may grant a second one in the same term.
 *     ```
 *
 * Question first (one or more lines of markdown), then at least two options, `[x]` marking each
 * correct one (one or several), then an optional explanation in `>` lines. An option continues on
 * lines indented by at least two spaces.
 */
export interface QuizOption {
  /** Inline markdown. */
  text: string;
  correct: boolean;
}

export interface QuizContent {
  /** Markdown. */
  question: string;
  options: QuizOption[];
  /** Markdown; empty when the quiz has none. */
  explanation: string;
  /** More than one option is correct: the form uses checkboxes. */
  multiple: boolean;
}

export interface QuizError {
  /** Line in the lesson file, 1-based. */
  line: number;
  message: string;
}

export type QuizParse = { ok: true; quiz: QuizContent } | { ok: false; errors: QuizError[] };

const option = /^ {0,3}[-*+][ \t]+\[([ xX])\][ \t]+(\S.*)$/;
const looksLikeOption = /^ {0,3}[-*+][ \t]+\[/;
const explanation = /^ {0,3}>[ \t]?(.*)$/;
const continuation = /^(?: {2,}|\t)\S/;

/**
 * @param body the block's text, lines separated by "\n"
 * @param firstLine the file line of the body's first line, so errors can name lines
 */
export function parseQuiz(body: string, firstLine: number): QuizParse {
  const question: string[] = [];
  const options: QuizOption[] = [];
  const explained: string[] = [];
  const errors: QuizError[] = [];
  let section: 'question' | 'options' | 'explanation' = 'question';
  let optionOpen = false;

  body.split('\n').forEach((text, i) => {
    const line = firstLine + i;
    const isBlank = text.trim() === '';
    const asOption = option.exec(text);
    const asExplanation = explanation.exec(text);
    if (section === 'explanation') {
      if (asExplanation) explained.push(asExplanation[1]!);
      else if (isBlank) explained.push('');
      else errors.push({ line, message: `only "> " lines may follow the explanation, found "${text.trim()}"` });
    } else if (asOption) {
      section = 'options';
      optionOpen = true;
      options.push({ text: asOption[2]!.trim(), correct: asOption[1] !== ' ' });
    } else if (looksLikeOption.test(text)) {
      errors.push({
        line,
        message: `malformed option "${text.trim()}": write "- [ ] text", or "- [x] text" for a correct one`,
      });
    } else if (asExplanation && section === 'question') {
      errors.push({ line, message: 'the explanation ("> ...") must come after the options' });
    } else if (asExplanation) {
      section = 'explanation';
      explained.push(asExplanation[1]!);
    } else if (section === 'question') {
      question.push(text);
    } else if (isBlank) {
      optionOpen = false;
    } else if (optionOpen && continuation.test(text)) {
      const last = options[options.length - 1]!;
      last.text += ` ${text.trim()}`;
    } else {
      errors.push({
        line,
        message: `expected an option ("- [ ] text" or "- [x] text") or an explanation ("> text"), found "${text.trim()}"`,
      });
    }
  });

  const fence = firstLine - 1;
  const questionText = question.join('\n').trim();
  if (questionText === '')
    errors.push({ line: fence, message: 'missing the question: write it on the lines before the first option' });
  if (options.length < 2)
    errors.push({ line: fence, message: `a quiz needs at least two options, found ${options.length}` });
  const correct = options.filter((o) => o.correct).length;
  if (options.length >= 2 && correct === 0)
    errors.push({ line: fence, message: 'no option is marked correct: write "- [x] text" for each correct one' });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    quiz: { question: questionText, options, explanation: explained.join('\n').trim(), multiple: correct > 1 },
  };
}

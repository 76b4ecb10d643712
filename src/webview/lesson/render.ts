import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { errorBox, quizForm, quizId, simFigure, simId, type MarkdownFragments } from './blockHtml';
import { decodeEntities, escapeHtml } from './escape';
import { splitFrontMatter } from './frontMatter';
import { highlightCode } from './highlight';
import type { LinkTarget } from './links';
import { parseQuiz, type QuizContent } from './quizBlock';
import { sanitizeHtml } from './sanitize';
import { parseSimAttributes, type SimAttributes } from './simBlock';
import { Slugger } from './slug';
import { strings, type Locale } from './strings';
import { classifyUrl } from './url';

export interface RenderOptions {
  /** Where a relative link leads; links it cannot resolve are shown as text and reported. */
  resolveLink?: (href: string) => LinkTarget | undefined;
  /** Language of the interface text inside the lesson (quiz hints, buttons). */
  locale?: Locale;
}

export interface TocEntry {
  level: 2 | 3;
  /** The heading's element id. */
  id: string;
  /** Plain text. */
  text: string;
}

export interface SimBlock extends SimAttributes {
  /** "sim-1", "sim-2"... in document order: the key of its trace in the host's messages. */
  id: string;
  /** Line of the opening fence in the lesson file, 1-based. */
  line: number;
  /** The block's body, markdown. */
  caption: string;
}

export interface Quiz extends QuizContent {
  /** "quiz-1", "quiz-2"... in document order. */
  id: string;
  line: number;
}

export interface RenderProblem {
  /** Line in the lesson file, when known. */
  line?: number;
  message: string;
}

export interface RenderedLesson {
  html: string;
  /** Front matter `title`, else the first top-level heading. */
  title?: string;
  frontMatter: Record<string, string>;
  toc: TocEntry[];
  sims: SimBlock[];
  quizzes: Quiz[];
  /** Malformed blocks and unresolved links; each is also visible in the HTML. */
  problems: RenderProblem[];
}

/**
 * Lesson markdown to sanitized HTML plus what the host and page script need to know about it.
 * Pure: no DOM, no I/O, same input, same output.
 */
export function renderLesson(source: string, options: RenderOptions = {}): RenderedLesson {
  const text = strings[options.locale ?? 'en'];
  const front = splitFrontMatter(source.replace(/\r\n?/g, '\n'));
  const slugger = new Slugger();
  const toc: TocEntry[] = [];
  const sims: SimBlock[] = [];
  const quizzes: Quiz[] = [];
  const problems: RenderProblem[] = [];
  let firstHeading: string | undefined;

  const marked = new Marked({ gfm: true });
  const tokens = marked.lexer(front.body);
  const fenceLines = locateFences(tokens, front.body, front.lineOffset, marked);

  marked.use({
    renderer: {
      heading({ tokens: inline, depth }) {
        const plain = decodeEntities(this.parser.parseInline(inline, this.parser.textRenderer)).trim();
        const id = slugger.slug(plain);
        if (depth === 1) firstHeading ??= plain;
        if (depth === 2 || depth === 3) toc.push({ level: depth, id, text: plain });
        return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(inline)}</h${depth}>\n`;
      },
      code(token) {
        const md: MarkdownFragments = {
          block: (markdown) => this.parser.parse(marked.lexer(markdown)),
          inline: (markdown) => this.parser.parseInline(Lexer.lexInline(markdown, marked.defaults)),
        };
        const [kind = '', ...rest] = (token.lang ?? '').trim().split(/\s+/);
        const line = fenceLines.get(token);
        if (kind === 'sim' && line !== undefined) {
          const parsed = parseSimAttributes(rest.join(' '));
          if (!parsed.ok)
            return reportBlock(
              parsed.errors.map((message) => ({ line, message })),
              'sim block',
            );
          const n = sims.length + 1;
          sims.push({ id: simId(n), line, caption: token.text, ...parsed.attributes });
          return simFigure(n, parsed.attributes, token.text, md, text);
        }
        if (kind === 'quiz' && line !== undefined) {
          if (rest.length > 0)
            return reportBlock([{ line, message: `unexpected "${rest.join(' ')}" after quiz` }], 'quiz');
          const parsed = parseQuiz(token.text, line + 1);
          if (!parsed.ok) return reportBlock(parsed.errors, 'quiz');
          const n = quizzes.length + 1;
          quizzes.push({ id: quizId(n), line, ...parsed.quiz });
          return quizForm(n, parsed.quiz, md, text);
        }
        const language = kind === '' ? '' : ` language-${escapeHtml(kind)}`;
        return `<pre class="code"><code class="hljs${language}">${highlightCode(token.text, kind)}</code></pre>\n`;
      },
    },
  });

  function reportBlock(errors: RenderProblem[], what: string): string {
    const messages = errors.map((e) => `${what} on line ${e.line}: ${e.message}`);
    problems.push(...errors.map((e, i) => ({ line: e.line, message: messages[i]! })));
    return errorBox(messages, text);
  }

  const html = sanitizeHtml(marked.parser(tokens), {
    link: (href) => linkAttributes(href, options.resolveLink, problems),
  });
  const title = front.fields['title'] ?? firstHeading;
  return { html, ...(title !== undefined ? { title } : {}), frontMatter: front.fields, toc, sims, quizzes, problems };
}

/**
 * The file line of every fenced `sim` and `quiz` block's opening fence. Tokens keep no positions,
 * so the fences are found again in the source, in document order: a block nested in a list or a
 * quote still has its info string on its own line.
 */
function locateFences(tokens: Token[], body: string, lineOffset: number, marked: Marked): Map<Token, number> {
  const lines = body.split('\n');
  const found = new Map<Token, number>();
  let cursor = 0;
  // walkTokens returns what the callbacks return (promises, for async extensions); this one returns nothing.
  void marked.walkTokens(tokens, (token) => {
    if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return;
    const code = token as Tokens.Code;
    const info = unescapeInfo(code.lang ?? '');
    for (let i = cursor; i < lines.length; i++) {
      const fence = /(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
      if (fence && unescapeInfo(fence[2]!) === info) {
        if (/^(sim|quiz)(\s|$)/.test(info)) found.set(token, lineOffset + i + 1);
        cursor = i + 1 + code.text.split('\n').length;
        break;
      }
    }
  });
  return found;
}

function unescapeInfo(info: string): string {
  return info.trim().replace(/\\(.)/g, '$1');
}

function linkAttributes(
  href: string,
  resolve: RenderOptions['resolveLink'],
  problems: RenderProblem[],
): Record<string, string> {
  const kind = classifyUrl(href);
  switch (kind) {
    case 'fragment':
      return { href };
    case 'external':
      return { href, rel: 'noopener noreferrer', 'data-external': '', class: 'external' };
    case 'forbidden':
      return {};
    case 'relative': {
      const target = resolve?.(href);
      if (!target) {
        problems.push({ message: `link to "${href}" leads to no lesson or lesson file` });
        return { class: 'broken-link', title: `Not found: ${href}` };
      }
      if ('file' in target) return { href, 'data-file': target.file };
      return {
        href,
        'data-lesson': target.lesson,
        ...(target.anchor !== undefined ? { 'data-anchor': target.anchor } : {}),
      };
    }
  }
}

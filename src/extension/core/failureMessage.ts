import {
  describeMeasuredFigure,
  localizedFailure,
  type Language,
  type MeasuredFigure,
  type SeedFailure,
  type SourceLocation,
} from '../../grader';
import { splitLocations } from '../../webview/traceViewer/locations';
import { handlerLine } from './handlerLine';
import type { Translate } from './translate';

/** A test message before it becomes VS Code's: Markdown, and where in the student's file it points. */
export interface MessageSpec {
  /** Markdown, so the peek view wraps it. */
  markdown: string;
  /** 0-based; the top of the file when the failure points nowhere in it. */
  line: number;
  column: number;
}

/** What a failure message may add about the student's file and the rest of the run. */
export interface FailureContext {
  /** The path the grader knows the student's file by. */
  file: string;
  /** The file's text as graded, to find the handler that broke the rule. */
  source: string;
  /** The scenario already reported with the same cause in this run: its message says it all. */
  sameAs?: string;
  /** The student's language: the property and explanation in it where the checker has them. */
  language?: Language;
  /** The scenario's measured figures, each with its limit. */
  measurements?: readonly MeasuredFigure[];
}

/** Where the links of a failure's message go. */
export interface MessageLinks {
  /** The student's file at a line and column, both from 1. */
  source(line: number, column: number): string;
  /** A command that opens the trace of the run the message reports. */
  openTrace: string;
}

/**
 * The checker's explanation, where it happened, the seed that failed and what shrinking kept,
 * anchored at the line of the throw, else at the handler that was running when the rule broke.
 * With `links`, each place in the student's file links to it and a last line replays the run.
 */
export function failureMessage(
  failure: SeedFailure,
  context: FailureContext,
  t: Translate,
  links?: MessageLinks,
): MessageSpec {
  const at = anchor(failure, context);
  const linked = (text: string): string =>
    splitLocations(text)
      .map((part) =>
        typeof part === 'string'
          ? escapeMarkdown(part)
          : links !== undefined && part.file === context.file
            ? `[${escapeMarkdown(part.text)}](${links.source(part.line, part.column)})`
            : escapeMarkdown(part.text),
      )
      .join('');
  const openTrace =
    links === undefined
      ? []
      : [
          `[${escapeMarkdown(t('Open Trace'))}](${links.openTrace}) · ${escapeMarkdown(t('replays this run, step by step'))}`,
        ];
  const { property, explanation } = localizedFailure(failure, context.language ?? 'en');
  const path = failure.search;
  const facts = [
    t('Checker: {0}', code(failure.checker)),
    path
      ? t('Found by exhaustive search: the shortest path, {0} choices', path.steps.length)
      : t('Failing seed: {0}', failure.seed),
  ];
  const shrunk = failure.shrunk;
  if (shrunk && (shrunk.faults.length < shrunk.originalFaults || shrunk.duration < shrunk.originalDuration)) {
    facts.push(
      t(
        'Shrunk to {0} of {1} faults and {2} ms of {3} ms',
        shrunk.faults.length,
        shrunk.originalFaults,
        shrunk.duration,
        shrunk.originalDuration,
      ),
    );
  }
  // A cause told already is named, not repeated; this run's own seed and shrink still say which run it is.
  if (context.sameAs !== undefined) {
    return {
      markdown: [
        t('The same failure as {0} (seed {1}): see its message.', code(context.sameAs), failure.seed),
        linked(explanation),
        facts.join(' · '),
        ...openTrace,
      ].join('\n\n'),
      ...at,
    };
  }
  const paragraphs = [`**${escapeMarkdown(property)}**`, linked(explanation)];
  const culprit = failure.handler;
  if (failure.location === undefined && culprit !== undefined) {
    const handler = culprit.detail === undefined ? culprit.handler : `${culprit.handler} (${culprit.detail})`;
    paragraphs.push(t('Where to look: {0} in {1} at {2} ms.', culprit.node, code(handler), Math.round(culprit.time)));
  }
  paragraphs.push(facts.join(' · '));
  if (path) paragraphs.push(path.steps.map((step, i) => `${i + 1}. ${escapeMarkdown(step)}`).join('\n'));
  const measured = measuredLines(context.measurements ?? [], t);
  if (measured.length > 0) paragraphs.push(measured.map(escapeMarkdown).join('  \n'));
  paragraphs.push(...openTrace);
  // With links a stack keeps its lines (two spaces end each one), its places in the student's file
  // linked; without, it is shown as written.
  if (failure.stack) paragraphs.push(links ? failure.stack.split('\n').map(linked).join('  \n') : fence(failure.stack));
  return { markdown: paragraphs.join('\n\n'), ...at };
}

/** Each measured figure with its limit: "Measured: 18 messages per broadcast, at most 20 allowed". */
export function measuredLines(measurements: readonly MeasuredFigure[], t: Translate): string[] {
  return measurements.map((m) => t('Measured: {0}', describeMeasuredFigure(m)));
}

/** The student's file could not be loaded: every scenario asked for fails with this. */
export function loadErrorMessage(error: { message: string; location?: SourceLocation }, file: string): MessageSpec {
  return { markdown: escapeMarkdown(error.message), ...position(error.location, file) };
}

function anchor(failure: SeedFailure, context: FailureContext): { line: number; column: number } {
  if (failure.location?.file === context.file) return position(failure.location, context.file);
  const line = failure.handler && handlerLine(context.source, failure.handler);
  return { line: line ?? 0, column: 0 };
}

function position(location: SourceLocation | undefined, file: string): { line: number; column: number } {
  if (location === undefined || location.file !== file) return { line: 0, column: 0 };
  return { line: Math.max(0, location.line - 1), column: Math.max(0, location.column - 1) };
}

/** Text shown as written: Markdown's own characters escaped, so `n1*` or `<x>` are not markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+\.)/gm, (_, space: string, mark: string) => `${space}${mark.replace(/[#+.-]/, '\\$&')}`);
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

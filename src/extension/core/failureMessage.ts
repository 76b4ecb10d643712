import type { SeedFailure, SourceLocation } from '../../grader';
import { splitLocations } from '../../webview/traceViewer/locations';
import type { Translate } from './translate';

/** A test message before it becomes VS Code's: its text and where in the student's file it points. */
export interface MessageSpec {
  text: string;
  /** 0-based; the top of the file when the failure points nowhere in it. */
  line: number;
  column: number;
}

/** The checker's explanation, the seed that failed and what shrinking kept, at the student's line when known. */
export function failureMessage(failure: SeedFailure, file: string, t: Translate): MessageSpec {
  const lines = summaryLines(failure, t);
  if (failure.stack) lines.push('', failure.stack);
  return { text: lines.join('\n'), ...position(failure.location, file) };
}

/** Where the links of a failure's Markdown message go. */
export interface MessageLinks {
  /** The student's file at a line and column, both from 1. */
  source(line: number, column: number): string;
  /** A command that opens the trace of the run the message reports. */
  openTrace: string;
}

/**
 * The same message as Markdown: each place in the student's file a link to it, and a link that
 * replays the run in the trace viewer. Everything else is escaped: the text is the checker's.
 */
export function failureMarkdown(failure: SeedFailure, file: string, t: Translate, links: MessageLinks): string {
  const linked = (text: string): string =>
    splitLocations(text)
      .map((part) =>
        typeof part === 'string'
          ? escapeMarkdown(part)
          : part.file === file
            ? `[${escapeMarkdown(part.text)}](${links.source(part.line, part.column)})`
            : escapeMarkdown(part.text),
      )
      .join('');
  const [explanation = '', ...rest] = summaryLines(failure, t);
  const paragraphs = [
    linked(explanation),
    rest.map(escapeMarkdown).join('  \n'),
    `[${escapeMarkdown(t('Open Trace'))}](${links.openTrace}) · ${escapeMarkdown(t('replays this run, step by step'))}`,
  ];
  if (failure.stack) paragraphs.push(failure.stack.split('\n').map(linked).join('  \n'));
  return paragraphs.join('\n\n');
}

function summaryLines(failure: SeedFailure, t: Translate): string[] {
  const lines = [
    failure.explanation,
    t('Property: {0} (checker {1})', failure.property, failure.checker),
    t('Failing seed: {0}', failure.seed),
  ];
  const shrunk = failure.shrunk;
  if (shrunk && (shrunk.faults.length < shrunk.originalFaults || shrunk.duration < shrunk.originalDuration)) {
    lines.push(
      t(
        'Shrunk to {0} of {1} faults and {2} ms of {3} ms',
        shrunk.faults.length,
        shrunk.originalFaults,
        shrunk.duration,
        shrunk.originalDuration,
      ),
    );
  }
  return lines;
}

/** Backslash before every ASCII punctuation mark Markdown could read as syntax. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** The student's file could not be loaded: every scenario asked for fails with this. */
export function loadErrorMessage(error: { message: string; location?: SourceLocation }, file: string): MessageSpec {
  return { text: error.message, ...position(error.location, file) };
}

function position(location: SourceLocation | undefined, file: string): { line: number; column: number } {
  if (location === undefined || location.file !== file) return { line: 0, column: 0 };
  return { line: Math.max(0, location.line - 1), column: Math.max(0, location.column - 1) };
}

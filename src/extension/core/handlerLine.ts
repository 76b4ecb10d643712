import type { CulpritHandler } from '../../grader';

/**
 * The 0-based line of the student's file where a handler deals with what started it: the
 * `case "RequestVote":` of onMessage, the line naming the timer in onTimer, else the handler's
 * declaration. Undefined when the file declares no such method (the class may be built some
 * other way): the caller then keeps its own default.
 */
export function handlerLine(source: string, culprit: CulpritHandler): number | undefined {
  const lines = source.split(/\r?\n/);
  const declaration = lines.findIndex((line) =>
    new RegExp(`^\\s*(?:(?:public|private|protected|async)\\s+)*${culprit.handler}\\s*\\(`).test(line),
  );
  if (declaration < 0) return undefined;
  if (culprit.detail === undefined) return declaration;
  const end = methodEnd(lines, declaration);
  const quoted = escapeRegExp(culprit.detail);
  const mention =
    culprit.handler === 'onMessage'
      ? new RegExp(`case\\s*(["'\`])${quoted}\\1|===?\\s*(["'\`])${quoted}\\2`)
      : new RegExp(`(["'\`])${quoted}\\1`);
  for (let i = declaration + 1; i < end; i++) if (mention.test(lines[i] as string)) return i;
  return declaration;
}

/** The line after a method's closing brace, counting braces from its declaration. */
function methodEnd(lines: readonly string[], declaration: number): number {
  let depth = 0;
  let opened = false;
  for (let i = declaration; i < lines.length; i++) {
    for (const c of lines[i] as string) {
      if (c === '{') {
        depth++;
        opened = true;
      } else if (c === '}') depth--;
    }
    if (opened && depth <= 0) return i + 1;
  }
  return lines.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

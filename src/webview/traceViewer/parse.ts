import { StateReader } from '../../kernel/stateReader';
import { Trace } from '../../kernel/trace';
import { isVerdict, type TraceVerdict } from './protocol';

export interface ParsedTrace {
  trace: Trace;
  hash: string;
  footer: Record<string, unknown>;
  /** The verdict the footer carries (a trace written by `distsys run --trace` or the extension). */
  verdict?: TraceVerdict;
  /** Every process's fields and storage through the run, when the file has them. */
  states?: StateReader;
}

/** Reads a trace file's text with `Trace.parse`; pure, so it runs in Node tests as in the webview. */
export function parseTraceText(text: string): ParsedTrace {
  const { trace, hash, footer, states } = Trace.parse(text);
  const parsed: ParsedTrace = { trace, hash, footer };
  if (states !== undefined) parsed.states = new StateReader(states);
  if (isVerdict(footer))
    parsed.verdict = {
      passed: footer.passed,
      ...(footer.failure ? { failure: footer.failure } : {}),
      ...(Array.isArray(footer.notes) ? { notes: footer.notes } : {}),
    };
  return parsed;
}

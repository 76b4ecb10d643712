import { KIND } from './columns';
import type { DiagramModel } from './model';

/**
 * Full-text search over what a student would look for: message types and payloads (on the send,
 * once per message), log lines, timer names, reports, states, errors and faults, and the kind of
 * every other event ("crash"). Deliveries are left out: they repeat their send's payload.
 */
export class SearchIndex {
  /** Lower-cased text per event, built on the first search. */
  private texts: Array<string | undefined> | undefined;

  constructor(private readonly model: DiagramModel) {}

  /** Indices of the matching events, ascending; those `visible` rules out are skipped. */
  search(text: string, visible?: Uint8Array): number[] {
    const needle = text.trim().toLowerCase();
    if (needle === '') return [];
    const texts = (this.texts ??= this.build());
    const out: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      if (visible && !visible[i]) continue;
      if (texts[i]?.includes(needle)) out.push(i);
    }
    return out;
  }

  private build(): Array<string | undefined> {
    const { model } = this;
    const texts = new Array<string | undefined>(model.count);
    for (let i = 0; i < model.count; i++) {
      const k = model.kinds[i];
      if (k === KIND.deliver || k === KIND.duplicate) continue;
      const e = model.trace.event(i);
      const data = e.data === undefined ? '' : typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
      texts[i] = (k === KIND.send ? data : `${e.kind} ${data}`).toLowerCase();
    }
    return texts;
  }
}

/// <reference lib="dom" />
import { h } from './dom';
import type { FieldsStatus, NodeStateView, StateDetails, StateRow } from './nodeState';
import type { StateStrings } from './strings';

/** Characters of an other node's one-line preview. */
const PREVIEW_LENGTH = 90;

/**
 * The selected event's process, fields and storage before → after the event with changed keys
 * marked; then every other process at that moment, folded.
 */
export function renderState(details: StateDetails, text: StateStrings): { own?: HTMLElement; others?: HTMLElement } {
  const out: { own?: HTMLElement; others?: HTMLElement } = {};
  const own = details.own;
  if (own !== undefined) {
    const section = h(
      'section',
      { class: 'tv-state', attrs: { 'data-node': own.node } },
      h('h3', { class: 'tv-panel-subtitle', text: text.stateOf(own.node) }),
    );
    const changedAny = own.fields.some((r) => r.changed) || own.storage.some((r) => r.changed);
    if (own.before === 'running' && own.after === 'lost')
      section.append(h('p', { class: 'tv-state-note tv-lost', text: text.lostInCrash }));
    else if (own.changes && !changedAny) section.append(h('p', { class: 'tv-state-note', text: text.unchanged }));
    section.append(...stateTables(own, own.changes, text));
    out.own = section;
  }
  if (details.others.length > 0) {
    const others = h(
      'section',
      { class: 'tv-state-others' },
      h('h3', { class: 'tv-panel-subtitle', text: text.others }),
    );
    for (const view of details.others) {
      const fold = h(
        'details',
        { class: 'tv-state-other', attrs: { 'data-node': view.node } },
        h(
          'summary',
          {},
          h('span', { class: 'tv-state-node', text: view.node }),
          h('span', { class: 'tv-muted', text: preview(view, text) }),
        ),
        ...stateTables(view, false, text),
      );
      others.append(fold);
    }
    out.others = others;
  }
  return out;
}

/** The fields table and the storage table of one process; with `compare`, a before and an after column. */
function stateTables(view: NodeStateView, compare: boolean, text: StateStrings): HTMLElement[] {
  const status = (s: FieldsStatus): string | undefined =>
    s === 'lost' ? text.lost : s === 'not-started' ? text.notStarted : undefined;
  return [
    h(
      'h4',
      { class: 'tv-state-heading' },
      text.fields,
      h('span', { class: 'tv-state-kind tv-volatile', text: text.fieldsNote }),
    ),
    table(view.fields, compare, text, 'fields', { before: status(view.before), after: status(view.after) }),
    h(
      'h4',
      { class: 'tv-state-heading' },
      text.storage,
      h('span', { class: 'tv-state-kind tv-durable', text: text.storageNote }),
    ),
    table(view.storage, compare, text, 'storage', {}),
  ];
}

/** Why a column has no values: the process was not running or had lost its fields. */
interface Gone {
  before?: string;
  after?: string;
}

function table(rows: StateRow[], compare: boolean, text: StateStrings, section: string, gone: Gone): HTMLElement {
  if (rows.length === 0)
    return h('p', { class: 'tv-state-empty', attrs: { 'data-section': section }, text: gone.after ?? text.none });
  const t = h('table', { class: 'tv-state-table', attrs: { 'data-section': section } });
  const head = compare ? [text.key, text.before, text.after] : [text.key, text.value];
  t.append(h('thead', {}, h('tr', {}, ...head.map((label) => h('th', { text: label, attrs: { scope: 'col' } })))));
  const body = h('tbody');
  for (const row of rows) {
    const tr = h('tr', { class: compare && row.changed ? 'tv-changed' : '', attrs: { 'data-key': row.key } });
    tr.append(h('th', { text: row.key, attrs: { scope: 'row' } }));
    if (compare) tr.append(cell(row.before, gone.before, text));
    tr.append(cell(row.after, gone.after, text));
    if (compare && row.changed) tr.title = text.changed;
    body.append(tr);
  }
  t.append(body);
  return t;
}

function cell(value: string | undefined, gone: string | undefined, text: StateStrings): HTMLElement {
  if (value !== undefined) return h('td', { class: 'tv-state-value', text: value });
  return h('td', { class: gone === undefined ? 'tv-absent' : 'tv-lost', text: gone ?? text.absent });
}

/** "role="leader" · term=3", cut short: what an other process holds, at a glance. */
function preview(view: NodeStateView, text: StateStrings): string {
  if (view.after !== 'running') return view.after === 'lost' ? text.lost : text.notStarted;
  const parts = [...view.fields, ...view.storage].map((r) => `${r.key}=${r.after ?? text.absent}`);
  const line = parts.join(' · ');
  return line.length <= PREVIEW_LENGTH ? line : `${line.slice(0, PREVIEW_LENGTH - 1)}…`;
}

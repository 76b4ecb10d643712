/// <reference lib="dom" />
import type { EventDetails } from '../diagram/details';
import { fmt } from '../diagram/details';
import type { StateReader } from '../../kernel/stateReader';
import { h } from './dom';
import { stateDetails } from './nodeState';
import { renderState } from './statePanel';
import type { DetailsStrings, StateStrings } from './strings';

/** The glyphs of the diagram, explained; shown while nothing is selected. */
const glyphs: Array<[string, string, keyof DetailsStrings['glyphs']]> = [
  ['tv-glyph-arrow', '→', 'arrow'],
  ['tv-glyph-lost', '✕', 'lost'],
  ['tv-glyph-dup', '2×', 'duplicate'],
  ['tv-glyph-flight', '┄', 'inFlight'],
  ['tv-glyph-down', '▨', 'down'],
  ['tv-glyph-paused', '▨', 'paused'],
  ['tv-glyph-split', '▬', 'split'],
  ['tv-glyph-timer', '○', 'timer'],
  ['tv-glyph-report', '◆', 'report'],
  ['tv-glyph-error', '●', 'error'],
];

/** The run's recorded fields and storage, and the language to show them in. */
export interface StatePane {
  reader: StateReader;
  text: StateStrings;
}

/** Fills the details panel: the selected event, or how to read the diagram. */
export function renderDetails(
  panel: HTMLElement,
  details: EventDetails | undefined,
  legend: Array<{ type: string; colour: string }>,
  pick: (index: number) => void,
  text: DetailsStrings,
  states?: StatePane,
): void {
  panel.replaceChildren();
  if (details === undefined) {
    panel.append(
      h('h2', { class: 'tv-panel-title', text: text.howToRead }),
      h('p', { class: 'tv-hint', text: text.hint }),
      h(
        'ul',
        { class: 'tv-legend' },
        ...glyphs.map(([cls, glyph, meaning]) =>
          h('li', {}, h('span', { class: `tv-glyph ${cls}`, text: glyph }), text.glyphs[meaning]),
        ),
      ),
    );
    if (legend.length > 0) {
      const types = h('ul', { class: 'tv-legend' });
      for (const { type, colour } of legend) {
        const swatch = h('span', { class: 'tv-swatch' });
        swatch.style.background = colour;
        types.append(h('li', {}, swatch, type));
      }
      panel.append(h('h3', { class: 'tv-panel-subtitle', text: text.messageTypes }), types);
    }
    return;
  }
  panel.append(
    h(
      'div',
      { class: 'tv-details-head' },
      h('span', { class: `tv-kind tv-kind-${details.kind}`, text: details.kind }),
      h('span', { class: 'tv-muted', text: `#${details.index} · ${fmt(details.time)}` }),
    ),
    h('p', { class: 'tv-details-title', text: details.title }),
  );
  const facts = h('dl', { class: 'tv-facts' });
  facts.append(h('dt', { text: text.node }), h('dd', { text: details.node }));
  if (details.peer !== undefined) facts.append(h('dt', { text: text.peer }), h('dd', { text: details.peer }));
  panel.append(facts);
  if (details.related.length > 0) {
    const related = h('div', { class: 'tv-related' });
    for (const r of details.related) {
      const b = h('button', {
        class: 'tv-link',
        text: `${r.label} →`,
        title: text.selectEvent(r.index),
        attrs: { type: 'button' },
      });
      b.addEventListener('click', () => pick(r.index));
      related.append(b);
    }
    panel.append(related);
  }
  if (details.payload !== undefined) panel.append(h('pre', { class: 'tv-payload', text: details.payload }));
  const state = states && renderState(stateDetails(states.reader, details), states.text);
  if (state?.own) panel.append(state.own);
  if (details.cluster.some((c) => c.state !== '')) {
    const table = h('dl', { class: 'tv-facts tv-cluster' });
    for (const c of details.cluster) {
      table.append(
        h('dt', { text: c.node, class: c.node === details.node ? 'tv-here' : '' }),
        h('dd', { text: c.state || '–', class: c.down ? 'tv-down' : '' }),
      );
    }
    panel.append(h('h3', { class: 'tv-panel-subtitle', text: text.atThisMoment }), table);
  }
  if (state?.others) panel.append(state.others);
}

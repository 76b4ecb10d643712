/// <reference lib="dom" />
import type { EventKind } from '../../kernel/trace';
import type { DiagramController } from '../diagram/controller';
import type { DiagramFilter } from '../diagram/filter';
import { kindOf } from '../diagram/model';
import { button, h } from './dom';
import type { Host } from './host';

/** Event kinds grouped the way a student thinks of them, for the "Events" menu. */
const kindGroups: Array<{ label: string; kinds: EventKind[] }> = [
  { label: 'delivered messages', kinds: ['deliver'] },
  { label: 'lost messages', kinds: ['drop'] },
  { label: 'messages in flight at the end', kinds: ['send'] },
  { label: 'duplicates', kinds: ['duplicate'] },
  { label: 'timers', kinds: ['timer'] },
  { label: 'node states', kinds: ['state'] },
  { label: 'logs', kinds: ['log'] },
  { label: 'reports', kinds: ['report'] },
  { label: 'operations (invoke, ok, fail, info)', kinds: ['op'] },
  { label: 'crashes, restarts, pauses', kinds: ['crash', 'restart', 'recover', 'pause', 'resume', 'start'] },
  { label: 'network faults', kinds: ['partition', 'heal', 'fault', 'clock'] },
  { label: 'errors', kinds: ['error'] },
];

const speeds = [0.25, 0.5, 1, 2, 4, 8];

export interface Toolbar {
  focusSearch(): void;
}

export interface ToolbarOptions {
  diagram: DiagramController;
  /** Where the run's own actions go (seed, re-run, shrink, export): the page header. */
  runActions: HTMLElement;
  host: Host;
  seed: number;
  /** Shrinking needs a failing run. */
  failing: boolean;
}

/** Fills the toolbar for one trace (playback, zoom, filters, search) and the run's own actions. */
export function buildToolbar(bar: HTMLElement, o: ToolbarOptions): Toolbar {
  const d = o.diagram;
  bar.replaceChildren();
  const group = (label: string, ...items: Array<Node | string>): HTMLElement =>
    h('div', { class: 'tv-group', attrs: { role: 'group', 'aria-label': label } }, ...items);

  const play = button('▶ Play', 'Play or pause (space)', () => (d.playing ? d.pause() : d.play()), 'tv-button tv-play');
  const speed = h('select', { class: 'tv-select', title: 'Playback speed', attrs: { 'aria-label': 'Playback speed' } });
  for (const s of speeds) speed.append(h('option', { text: `${s}×`, attrs: { value: String(s) } }));
  speed.value = String(d.viewState().speed);
  speed.addEventListener('change', () => d.setSpeed(Number(speed.value)));
  bar.append(
    group(
      'Playback',
      button('|◀', 'Back to the start: nothing has happened yet (Home)', () => d.seek(-Infinity)),
      button('◀', 'Previous event (←, shift for 10)', () => d.step(-1)),
      play,
      button('▶', 'Next event (→, shift for 10)', () => d.step(1)),
      button('▶|', 'Show the whole run (End)', () => d.showAll()),
      speed,
    ),
    group(
      'Zoom',
      button('−', 'Zoom out (-)', () => d.zoom(1 / 1.5)),
      button('+', 'Zoom in (+)', () => d.zoom(1.5)),
      button('Fit', 'Fit the whole run (0)', () => d.fit()),
    ),
  );

  const filter: DiagramFilter = { ...d.viewState().filter };
  const apply = (): void => d.setFilter(filter);
  const lanes = d.model.lanes.filter((l) => !l.network).map((l) => l.id);
  const nodeBoxes = group('Nodes', h('span', { class: 'tv-label', text: 'Nodes' }));
  const shownNodes = new Set(filter.nodes ?? lanes);
  for (const id of lanes) {
    nodeBoxes.append(
      checkbox(
        id,
        shownNodes.has(id),
        (on) => {
          if (on) shownNodes.add(id);
          else shownNodes.delete(id);
          filter.nodes = shownNodes.size === lanes.length ? undefined : lanes.filter((n) => shownNodes.has(n));
          apply();
        },
        'tv-node',
      ),
    );
  }
  bar.append(nodeBoxes);

  const types = d.legend();
  const shownTypes = new Set(filter.messageTypes ?? types.map((t) => t.type));
  const typeMenu = menu('Messages', 'Which message types to show');
  for (const { type, colour } of types) {
    const box = checkbox(type, shownTypes.has(type), (on) => {
      if (on) shownTypes.add(type);
      else shownTypes.delete(type);
      filter.messageTypes =
        shownTypes.size === types.length ? undefined : types.map((t) => t.type).filter((t) => shownTypes.has(t));
      apply();
    });
    const swatch = h('span', { class: 'tv-swatch' });
    swatch.style.background = colour;
    box.prepend(swatch);
    typeMenu.list.append(box);
  }
  const present = new Set<EventKind>();
  for (let i = 0; i < d.model.count; i++) present.add(kindOf(d.model, i));
  const groups = kindGroups.filter((g) => g.kinds.some((k) => present.has(k)));
  const allKinds = kindGroups.flatMap((g) => g.kinds);
  const shownKinds = new Set(filter.kinds ?? allKinds);
  const kindMenu = menu('Events', 'Which kinds of events to show');
  for (const g of groups) {
    kindMenu.list.append(
      checkbox(
        g.label,
        g.kinds.every((k) => shownKinds.has(k)),
        (on) => {
          for (const k of g.kinds)
            if (on) shownKinds.add(k);
            else shownKinds.delete(k);
          filter.kinds = shownKinds.size === allKinds.length ? undefined : allKinds.filter((k) => shownKinds.has(k));
          apply();
        },
      ),
    );
  }
  bar.append(group('Filters', typeMenu.root, kindMenu.root));

  const search = h('input', {
    class: 'tv-search',
    attrs: {
      type: 'search',
      placeholder: 'Search types, payloads, logs  ( / )',
      'aria-label': 'Search the trace',
      spellcheck: 'false',
    },
  });
  const count = h('span', { class: 'tv-count', attrs: { 'aria-live': 'polite' } });
  let matches: number[] = [];
  let at = -1;
  const show = (): void => {
    count.textContent =
      search.value.trim() === ''
        ? ''
        : matches.length === 0
          ? 'no match'
          : at < 0
            ? `${matches.length} found`
            : `${at + 1} / ${matches.length}`;
  };
  const move = (dir: 1 | -1): void => {
    if (matches.length === 0) return;
    at = at < 0 ? (dir === 1 ? 0 : matches.length - 1) : (at + dir + matches.length) % matches.length;
    d.select(matches[at], true);
    show();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      matches = d.search(search.value);
      at = -1;
      show();
    }, 120);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      matches = d.search(search.value);
      move(e.shiftKey ? -1 : 1);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      search.blur();
      d.element.focus();
    }
  });
  bar.append(
    group(
      'Search',
      search,
      button('↑', 'Previous match (shift+enter)', () => move(-1)),
      button('↓', 'Next match (enter)', () => move(1)),
      count,
    ),
  );

  const seed = h('input', {
    class: 'tv-seed',
    attrs: {
      type: 'number',
      min: '0',
      step: '1',
      'aria-label': 'Seed',
      title: 'The seed decides every random choice of the run',
    },
  });
  seed.value = String(o.seed);
  const rerun = (): void => {
    const value = Number(seed.value);
    if (!Number.isInteger(value) || value < 0) {
      seed.setCustomValidity('a whole number ≥ 0');
      seed.reportValidity();
      return;
    }
    seed.setCustomValidity('');
    o.host.post({ type: 'rerun', seed: value });
  };
  seed.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') rerun();
  });
  const shrink = button('Shrink', 'Find a smaller fault schedule that still fails', () =>
    o.host.post({ type: 'shrink' }),
  );
  shrink.disabled = !o.failing;
  o.runActions.replaceChildren(
    group(
      'Run',
      h('span', { class: 'tv-label', text: 'Seed' }),
      seed,
      button('Re-run', 'Run again with this seed', rerun),
      shrink,
      button('Export', 'Save this trace to a file', () => o.host.post({ type: 'export' })),
    ),
  );

  d.onChange(() => {
    play.textContent = d.playing ? '⏸ Pause' : '▶ Play';
    play.setAttribute('aria-pressed', String(d.playing));
  });
  return {
    focusSearch: () => {
      search.focus();
      search.select();
    },
  };
}

function checkbox(
  label: string,
  checked: boolean,
  change: (on: boolean) => void,
  className = 'tv-check',
): HTMLLabelElement {
  const input = h('input', { attrs: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => change(input.checked));
  return h('label', { class: className }, input, label);
}

/** A drop-down of checkboxes: a <details>, so it opens and closes without script. */
function menu(label: string, title: string): { root: HTMLElement; list: HTMLElement } {
  const list = h('div', { class: 'tv-menu-list' });
  const root = h('details', { class: 'tv-menu' }, h('summary', { class: 'tv-button', text: label, title }), list);
  return { root, list };
}

/// <reference lib="dom" />
import type { EventKind } from '../../kernel/trace';
import type { DiagramController } from '../diagram/controller';
import type { DiagramFilter } from '../diagram/filter';
import { kindOf } from '../diagram/model';
import { button, h } from './dom';
import type { Host } from './host';
import type { ViewerStrings } from './strings';

/** Event kinds grouped the way a student thinks of them, for the "Events" menu. */
const kindGroups: Array<{ label: keyof ViewerStrings['kindGroups']; kinds: EventKind[] }> = [
  { label: 'deliver', kinds: ['deliver'] },
  { label: 'drop', kinds: ['drop'] },
  { label: 'inFlight', kinds: ['send'] },
  { label: 'duplicate', kinds: ['duplicate'] },
  { label: 'timer', kinds: ['timer'] },
  { label: 'state', kinds: ['state'] },
  { label: 'log', kinds: ['log'] },
  { label: 'report', kinds: ['report'] },
  { label: 'op', kinds: ['op'] },
  { label: 'process', kinds: ['crash', 'restart', 'recover', 'pause', 'resume', 'start'] },
  { label: 'network', kinds: ['partition', 'heal', 'fault', 'clock'] },
  { label: 'error', kinds: ['error'] },
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
  text: ViewerStrings;
}

/** Fills the toolbar for one trace (playback, zoom, filters, search) and the run's own actions. */
export function buildToolbar(bar: HTMLElement, o: ToolbarOptions): Toolbar {
  const d = o.diagram;
  const t = o.text;
  bar.replaceChildren();
  const group = (label: string, ...items: Array<Node | string>): HTMLElement =>
    h('div', { class: 'tv-group', attrs: { role: 'group', 'aria-label': label } }, ...items);

  const play = button(t.play, t.playTitle, () => (d.playing ? d.pause() : d.play()), 'tv-button tv-play');
  const speed = h('select', { class: 'tv-select', title: t.speed, attrs: { 'aria-label': t.speed } });
  for (const s of speeds) speed.append(h('option', { text: `${s}×`, attrs: { value: String(s) } }));
  speed.value = String(d.viewState().speed);
  speed.addEventListener('change', () => d.setSpeed(Number(speed.value)));
  bar.append(
    group(
      t.playback,
      button('|◀', t.toStart, () => d.seek(-Infinity)),
      button('◀', t.previous, () => d.step(-1)),
      play,
      button('▶', t.next, () => d.step(1)),
      button('▶|', t.showAll, () => d.showAll()),
      speed,
    ),
    group(
      t.zoom,
      button('−', t.zoomOut, () => d.zoom(1 / 1.5)),
      button('+', t.zoomIn, () => d.zoom(1.5)),
      button(t.fit, t.fitTitle, () => d.fit()),
    ),
  );

  const filter: DiagramFilter = { ...d.viewState().filter };
  const apply = (): void => d.setFilter(filter);
  const lanes = d.model.lanes.filter((l) => !l.network).map((l) => l.id);
  const nodeBoxes = group(t.nodes, h('span', { class: 'tv-label', text: t.nodes }));
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
  const typeMenu = menu(t.messages, t.messagesTitle);
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
  const kindMenu = menu(t.events, t.eventsTitle);
  for (const g of groups) {
    kindMenu.list.append(
      checkbox(
        t.kindGroups[g.label],
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
  bar.append(group(t.filters, typeMenu.root, kindMenu.root));

  const search = h('input', {
    class: 'tv-search',
    attrs: {
      type: 'search',
      placeholder: t.searchPlaceholder,
      'aria-label': t.searchLabel,
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
          ? t.noMatch
          : at < 0
            ? t.found(matches.length)
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
      t.search,
      search,
      button('↑', t.previousMatch, () => move(-1)),
      button('↓', t.nextMatch, () => move(1)),
      count,
    ),
  );

  const seed = h('input', {
    class: 'tv-seed',
    attrs: {
      type: 'number',
      min: '0',
      step: '1',
      'aria-label': t.seed,
      title: t.seedTitle,
    },
  });
  seed.value = String(o.seed);
  const rerun = (): void => {
    const value = Number(seed.value);
    if (!Number.isInteger(value) || value < 0) {
      seed.setCustomValidity(t.seedInvalid);
      seed.reportValidity();
      return;
    }
    seed.setCustomValidity('');
    o.host.post({ type: 'rerun', seed: value });
  };
  seed.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') rerun();
  });
  const shrink = button(t.shrink, t.shrinkTitle, () => o.host.post({ type: 'shrink' }));
  shrink.disabled = !o.failing;
  o.runActions.replaceChildren(
    group(
      t.run,
      h('span', { class: 'tv-label', text: t.seed }),
      seed,
      button(t.rerun, t.rerunTitle, rerun),
      shrink,
      button(t.export, t.exportTitle, () => o.host.post({ type: 'export' })),
    ),
  );

  d.onChange(() => {
    play.textContent = d.playing ? t.pause : t.play;
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

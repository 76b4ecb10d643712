/// <reference lib="dom" />
import { Trace } from '../../kernel/trace';
import { mountDiagram } from '../diagram';
import type { LessonStrings, Locale } from './strings';

/** The live simulations of the lesson on screen. */
export interface MountedSims {
  /** Fills every figure that has no diagram yet and whose trace (or failure) is now known. */
  provide(traces: Record<string, string>, errors: Record<string, string>): void;
  dispose(): void;
}

/**
 * Finds the sim figures the renderer left in `root` and mounts a diagram in each once the host
 * sends its trace. Until then a figure keeps its "running" line, at the height the block asked
 * for, so the page does not jump when diagrams arrive.
 */
export function mountSims(root: HTMLElement, text: LessonStrings, locale: Locale): MountedSims {
  const figures = Array.from(root.querySelectorAll<HTMLElement>('figure.sim[data-sim]'));
  const disposers = new Map<string, () => void>();
  for (const figure of figures) {
    const stage = figure.querySelector<HTMLElement>('.sim-stage');
    const height = figure.dataset['height'];
    if (stage && height !== undefined) stage.style.height = `${height}px`;
  }

  return {
    provide(traces, errors) {
      for (const figure of figures) {
        const id = figure.dataset['sim'] ?? '';
        const stage = figure.querySelector<HTMLElement>('.sim-stage');
        if (!stage || disposers.has(id)) continue;
        const trace = traces[id];
        const error = errors[id];
        try {
          if (trace !== undefined) disposers.set(id, mountTrace(stage, trace, figure.dataset, locale));
          else if (error !== undefined) showFailure(stage, text, error);
        } catch (e) {
          showFailure(stage, text, e instanceof Error ? e.message : String(e));
        }
      }
    },
    dispose() {
      for (const dispose of disposers.values()) dispose();
      disposers.clear();
    },
  };
}

/** The one place the lesson meets the diagram: a trace file's text in, a way to unmount out. */
function mountTrace(stage: HTMLElement, traceText: string, data: DOMStringMap, locale: Locale): () => void {
  const { trace } = Trace.parse(traceText);
  stage.replaceChildren();
  // The diagram sizes itself to its lanes; the block's height becomes a minimum.
  stage.style.height = '';
  if (data['height'] !== undefined) stage.style.minHeight = `${data['height']}px`;
  stage.classList.add('sim-mounted');
  const nodes = data['nodes'];
  const filter = nodes === undefined ? {} : { nodes: nodes.split(',') };
  // The block's window (written "start-end" by the renderer, which checked it) is where the view opens.
  const [start, end] = (data['window'] ?? '').split('-').map(Number);
  const state = start !== undefined && end !== undefined && start < end ? { start, end, filter, speed: 1 } : undefined;
  const diagram = mountDiagram(stage, trace, { compact: true, controls: true, locale, ...(state ? { state } : {}) });
  if (state === undefined && nodes !== undefined) diagram.setFilter(filter);
  return () => diagram.destroy();
}

function showFailure(stage: HTMLElement, text: LessonStrings, message: string): void {
  const line = document.createElement('p');
  line.className = 'sim-status sim-error';
  line.textContent = `${text.simUnavailable} ${message}`;
  stage.replaceChildren(line);
}

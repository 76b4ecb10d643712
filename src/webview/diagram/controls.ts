/// <reference lib="dom" />
import type { DiagramController } from './mount';

/**
 * A compact player's own buttons (rewind, step back, play, step, show all, fit), for pages that
 * embed a diagram without a toolbar of their own. Returns the bar; it follows the controller.
 */
export function playerControls(diagram: DiagramController): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'ds-controls';
  const button = (label: string, title: string, action: () => void): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', () => {
      action();
      diagram.element.focus({ preventScroll: true });
    });
    bar.append(b);
    return b;
  };
  button('⏮', 'Back to the start (Home)', () => diagram.seek(-Infinity));
  button('◀', 'Previous event (←)', () => diagram.step(-1));
  const play = button('▶', 'Play or pause (space)', () => (diagram.playing ? diagram.pause() : diagram.play()));
  button('▶|', 'Next event (→)', () => diagram.step(1));
  button('⏭', 'Show the whole run (End)', () => diagram.showAll());
  button('⤢', 'Fit the run in view (0)', () => diagram.fit());
  const readout = document.createElement('span');
  readout.className = 'ds-readout';
  bar.append(readout);
  const update = (): void => {
    play.textContent = diagram.playing ? '⏸' : '▶';
    const c = diagram.cursor;
    readout.textContent = c === undefined ? 'whole run' : `${Number(c.time.toFixed(1))} ms · event ${c.index + 1} of ${diagram.model.count}`;
  };
  diagram.onChange(update);
  update();
  return bar;
}

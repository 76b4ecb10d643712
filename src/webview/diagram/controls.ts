/// <reference lib="dom" />
import type { DiagramController } from './controller';
import type { PlayerStrings } from './strings';

/**
 * A compact player's own buttons (rewind, step back, play, step, show all, fit), for pages that
 * embed a diagram without a toolbar of their own. Returns the bar; it follows the controller.
 */
export function playerControls(diagram: DiagramController, text: PlayerStrings): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'ds-controls';
  Object.assign(bar.style, {
    display: 'flex',
    alignItems: 'center',
    gap: '4px',
    padding: '4px 6px',
    font: '12px var(--vscode-font-family, system-ui, sans-serif)',
    flex: '0 0 auto',
  });
  const button = (label: string, title: string, action: () => void): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    styleButton(b);
    b.addEventListener('click', () => {
      action();
      diagram.element.focus({ preventScroll: true });
    });
    bar.append(b);
    return b;
  };
  button('|◀', text.toStart, () => diagram.seek(-Infinity));
  button('◀', text.previous, () => diagram.step(-1));
  const play = button(text.play, text.playTitle, () => (diagram.playing ? diagram.pause() : diagram.play()));
  button('▶', text.next, () => diagram.step(1));
  button('▶|', text.showAll, () => diagram.showAll());
  button(text.fit, text.fitTitle, () => diagram.fit());
  const readout = document.createElement('span');
  readout.className = 'ds-readout';
  Object.assign(readout.style, {
    marginLeft: '8px',
    color: 'var(--vscode-descriptionForeground, #808080)',
    fontVariantNumeric: 'tabular-nums',
  });
  bar.append(readout);
  const update = (): void => {
    play.textContent = diagram.playing ? text.pause : text.play;
    const c = diagram.cursor;
    readout.textContent =
      c === undefined ? text.wholeRun : text.position(Number(c.time.toFixed(1)), c.index + 1, diagram.model.count);
  };
  diagram.onChange(update);
  update();
  return bar;
}

/** Buttons in the theme's secondary style; hover by listeners, as the CSSOM has no :hover. */
function styleButton(b: HTMLButtonElement): void {
  const rest = 'var(--vscode-button-secondaryBackground, rgba(128, 128, 128, 0.16))';
  const hover = 'var(--vscode-button-secondaryHoverBackground, rgba(128, 128, 128, 0.3))';
  Object.assign(b.style, {
    font: 'inherit',
    minWidth: '28px',
    padding: '2px 8px',
    lineHeight: '1.4',
    border: '1px solid transparent',
    borderRadius: '4px',
    color: 'var(--vscode-button-secondaryForeground, inherit)',
    background: rest,
    cursor: 'pointer',
  });
  b.addEventListener('pointerenter', () => (b.style.background = hover));
  b.addEventListener('pointerleave', () => (b.style.background = rest));
}

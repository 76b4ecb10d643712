/// <reference lib="dom" />
import { rgba, type Theme } from './theme';

/**
 * The diagram styles its own elements through the CSSOM (allowed by a webview's strict CSP, unlike
 * style attributes), so a page embeds it without a stylesheet of its own.
 */
export function styleDiagram(
  parts: {
    root: HTMLElement;
    stage: HTMLElement;
    canvas: HTMLCanvasElement;
    tooltip: HTMLElement;
    laneList: HTMLElement;
    scrubber: HTMLCanvasElement | undefined;
  },
  scrubberPx: number,
): void {
  const { root, stage, canvas, laneList, scrubber } = parts;
  // Read by screen readers, not shown: the canvas draws the names.
  Object.assign(laneList.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  Object.assign(root.style, {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minHeight: '0',
    outline: 'none',
    position: 'relative',
  });
  Object.assign(stage.style, { position: 'relative', flex: '1 1 auto', minWidth: '0', overflow: 'hidden' });
  Object.assign(canvas.style, {
    display: 'block',
    position: 'absolute',
    inset: '0',
    width: '100%',
    height: '100%',
    touchAction: 'none',
    cursor: 'grab',
  });
  if (scrubber)
    Object.assign(scrubber.style, {
      display: 'block',
      width: '100%',
      height: `${scrubberPx}px`,
      flex: '0 0 auto',
      cursor: 'ew-resize',
      touchAction: 'none',
    });
  // Keyboard focus shows as a ring inside the edge (the page's own :focus styles may not reach it).
  root.addEventListener('focus', () => (root.style.boxShadow = 'inset 0 0 0 1px var(--vscode-focusBorder, #0078d4)'));
  root.addEventListener('blur', () => (root.style.boxShadow = 'none'));
}

export function styleTooltip(tooltip: HTMLElement, theme: Theme): void {
  Object.assign(tooltip.style, {
    position: 'absolute',
    pointerEvents: 'none',
    zIndex: '2',
    maxWidth: '460px',
    padding: '4px 8px',
    borderRadius: '4px',
    // The payload goes on a line of its own.
    whiteSpace: 'pre',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    font: `12px ${theme.font}`,
    color: `var(--vscode-editorHoverWidget-foreground, ${theme.foreground})`,
    background: `var(--vscode-editorHoverWidget-background, ${theme.background})`,
    border: `1px solid var(--vscode-editorHoverWidget-border, ${rgba(theme.foreground, 0.25)})`,
    boxShadow: `0 2px 8px ${rgba('#000000', theme.dark ? 0.5 : 0.15)}`,
  });
}

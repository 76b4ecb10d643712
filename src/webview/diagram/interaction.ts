/// <reference lib="dom" />

/** What pointer and keyboard input can do to a diagram; the mount wires these to its state. */
export interface InputTarget {
  /** Plot x (CSS px from the canvas's left edge) → time. */
  timeAtX(x: number): number;
  /** ms per CSS px at the current zoom. */
  msPerPx(): number;
  panBy(ms: number): void;
  zoomBy(factor: number, around: number): void;
  /** A click that did not drag: on the axis it seeks, elsewhere it picks what lies under it. */
  click(x: number, y: number): void;
  hover(x: number, y: number, clientX: number, clientY: number): void;
  leave(): void;
}

/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP_PX = 4;

/** Wheel zooms around the pointer (pinch too), a sideways or shift wheel pans, drag pans. */
export function bindPointer(canvas: HTMLCanvasElement, target: InputTarget): () => void {
  let press: { x: number; y: number; id: number; dragging: boolean; lastX: number } | undefined;
  const local = (e: MouseEvent): { x: number; y: number } => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const p = local(e);
    press = { ...p, id: e.pointerId, dragging: false, lastX: p.x };
    canvas.setPointerCapture(e.pointerId);
  };
  const move = (e: PointerEvent): void => {
    const p = local(e);
    if (press === undefined) {
      target.hover(p.x, p.y, e.clientX, e.clientY);
      return;
    }
    if (!press.dragging && Math.hypot(p.x - press.x, p.y - press.y) > CLICK_SLOP_PX) {
      press.dragging = true;
      canvas.style.cursor = 'grabbing';
      target.leave();
    }
    if (press.dragging) {
      target.panBy((press.lastX - p.x) * target.msPerPx());
      press.lastX = p.x;
    }
  };
  const up = (e: PointerEvent): void => {
    if (press === undefined || e.pointerId !== press.id) return;
    const p = local(e);
    if (!press.dragging) target.click(p.x, p.y);
    canvas.style.cursor = 'grab';
    press = undefined;
  };
  const wheel = (e: WheelEvent): void => {
    e.preventDefault();
    const p = local(e);
    const pixels = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? canvas.clientWidth : 1;
    const dx = e.deltaX * pixels;
    const dy = e.deltaY * pixels;
    if (e.shiftKey || Math.abs(dx) > Math.abs(dy)) target.panBy((e.shiftKey ? dy || dx : dx) * target.msPerPx());
    else target.zoomBy(Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), target.timeAtX(p.x));
  };
  const dbl = (e: MouseEvent): void => target.zoomBy(e.shiftKey ? 0.5 : 2, target.timeAtX(local(e).x));
  const leave = (): void => target.leave();
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('dblclick', dbl);
  canvas.addEventListener('pointerleave', leave);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
    canvas.removeEventListener('wheel', wheel);
    canvas.removeEventListener('dblclick', dbl);
    canvas.removeEventListener('pointerleave', leave);
  };
}

/** The scrubber: press or drag to move the diagram's window there. */
export function bindScrubber(canvas: HTMLCanvasElement, centreAt: (x: number) => void): () => void {
  let id: number | undefined;
  const x = (e: PointerEvent): number => e.clientX - canvas.getBoundingClientRect().left;
  const down = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    id = e.pointerId;
    canvas.setPointerCapture(id);
    centreAt(x(e));
  };
  const move = (e: PointerEvent): void => {
    if (e.pointerId === id) centreAt(x(e));
  };
  const up = (e: PointerEvent): void => {
    if (e.pointerId === id) id = undefined;
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
  };
}

/** The diagram's keys; returns an action name for keys it owns so the caller can prevent defaults. */
export type KeyAction =
  | 'next'
  | 'prev'
  | 'next10'
  | 'prev10'
  | 'play'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'rewind'
  | 'showAll'
  | 'deselect'
  | 'search';

export function keyAction(e: KeyboardEvent): KeyAction | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  switch (e.key) {
    case 'ArrowRight':
      return e.shiftKey ? 'next10' : 'next';
    case 'ArrowLeft':
      return e.shiftKey ? 'prev10' : 'prev';
    case ' ':
      return 'play';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'fit';
    case 'Home':
      return 'rewind';
    case 'End':
      return 'showAll';
    case 'Escape':
      return 'deselect';
    case '/':
      return 'search';
    default:
      return undefined;
  }
}

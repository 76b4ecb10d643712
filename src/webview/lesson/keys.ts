/// <reference lib="dom" />

export interface KeyActions {
  previous(): void;
  next(): void;
}

const LINE_PX = 64;

/**
 * Page keys: ← or [ for the previous lesson, → or ] for the next, j/k to scroll, Home/End for the
 * ends. Keys typed into a form control, or handled by a diagram, are left alone (arrows choose
 * between a quiz's radio buttons).
 */
export function wireKeys(actions: KeyActions): void {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (ownsKeys(event.target)) return;
    const scrollTo = (top: number): void => window.scrollTo({ top });
    switch (event.key) {
      case 'ArrowLeft':
      case '[':
        actions.previous();
        break;
      case 'ArrowRight':
      case ']':
        actions.next();
        break;
      case 'j':
        window.scrollBy({ top: LINE_PX });
        break;
      case 'k':
        window.scrollBy({ top: -LINE_PX });
        break;
      case 'Home':
        scrollTo(0);
        break;
      case 'End':
        scrollTo(document.documentElement.scrollHeight);
        break;
      default:
        return;
    }
    event.preventDefault();
  });
}

function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, .sim') !== null;
}

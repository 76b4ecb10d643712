/** A label's box on screen, CSS px: (x, y) is its top left. */
export interface LabelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a label asks for: its text, where it would go, and how wide it may grow. */
export interface LabelRequest {
  text: string;
  /**
   * Where the box may go, best first: its left edge (its centre with `centred`) and its top. The
   * layout tries each in turn (a label stacks above its first place, or moves along its arrow).
   */
  places: ReadonlyArray<{ x: number; y: number }>;
  h: number;
  /** The widest the text may be; a longer text is cut after a whole word. */
  maxWidth: number;
  /** Room left and right of the text inside the box (a pill's padding). */
  padding?: number;
  centred?: boolean;
}

/** A label the layout placed: the text to write (maybe cut) and its box. */
export interface PlacedLabel extends LabelBox {
  text: string;
  /** Whether the text was cut: the full text is in the tooltip of what the label names. */
  cut: boolean;
}

/** Two labels side by side keep this far apart, so they read as two. */
export const LABEL_GAP_PX = 6;

/**
 * Places labels one at a time so that no two boxes overlap (nor come closer than LABEL_GAP_PX side by side): a label goes at the first of its
 * places where nothing placed before it is, or nowhere. Callers place the most telling labels
 * first. `measure` is the text's width in px in the font it will be drawn with.
 */
export class LabelLayout {
  private readonly boxes: LabelBox[] = [];

  constructor(private readonly measure: (text: string) => number) {}

  /** Space already taken by something else (labels drawn in another pass). */
  occupy(box: LabelBox): void {
    this.boxes.push(box);
  }

  place(request: LabelRequest): PlacedLabel | undefined {
    const fitted = fitText(request.text, request.maxWidth, this.measure);
    if (fitted === undefined) return undefined;
    const padding = request.padding ?? 0;
    const w = this.measure(fitted) + 2 * padding;
    for (const { x, y } of request.places) {
      const box = { x: request.centred ? x - w / 2 : x, y, w, h: request.h };
      const spaced = { ...box, x: box.x - LABEL_GAP_PX, w: box.w + 2 * LABEL_GAP_PX };
      if (this.boxes.some((b) => overlap(b, spaced))) continue;
      this.boxes.push(box);
      return { ...box, text: fitted, cut: fitted !== oneLine(request.text) };
    }
    return undefined;
  }

  /** Every box placed or occupied so far. */
  placed(): readonly LabelBox[] {
    return this.boxes;
  }
}

export function overlap(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The text on one line if it fits in `max` px; else as many whole parts (between " · ") or whole
 * words as fit, then "…"; or nothing when not even its first word fits (a label cut to "par…"
 * says nothing).
 */
export function fitText(text: string, max: number, measure: (text: string) => number): string | undefined {
  const line = oneLine(text);
  if (measure(line) <= max) return line;
  for (const separator of [' · ', ' ']) {
    const pieces = line.split(separator);
    for (let n = pieces.length - 1; n >= 1; n--) {
      const cut = `${pieces
        .slice(0, n)
        .join(separator)
        .replace(/[\s·,:;=|-]+$/u, '')}…`;
      if (cut !== '…' && measure(cut) <= max) return cut;
    }
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

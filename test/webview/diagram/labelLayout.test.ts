import assert from 'node:assert/strict';
import { Random } from '../../../src/kernel/prng';
import {
  fitText,
  LABEL_GAP_PX,
  LabelLayout,
  overlap,
  type LabelRequest,
  type PlacedLabel,
} from '../../../src/webview/diagram/labelLayout';
import { HitList } from '../../../src/webview/diagram/render/hits';

/** 6 px a character: a monospace stand-in for the canvas's measureText. */
const measure = (text: string): number => text.length * 6;

const WORDS = ['partition', '{n1,n2}', '|', 'n3', 'committed', '·', 'tx', 't1-em', 'heartbeat', 'RequestVote', 'x'];

/** A crowded frame: labels of random words at random places, some with a second place above. */
function crowd(rng: Random, count: number): LabelRequest[] {
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 1 + rng.int(5) }, () => rng.pick(WORDS));
    const x = rng.between(0, 800);
    const y = rng.between(0, 400);
    return {
      text: words.join(' '),
      places: rng.chance(0.5)
        ? [{ x, y }]
        : [
            { x, y },
            { x, y: y - 14 },
          ],
      h: 14,
      maxWidth: rng.between(10, 200),
      centred: rng.chance(0.3),
      padding: rng.chance(0.3) ? 4 : 0,
    };
  });
}

describe('diagram labels: layout', () => {
  it('never places two labels whose boxes meet, nor closer than the gap side by side, in crowded frames', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Random(seed, 'labels');
      const layout = new LabelLayout(measure);
      const placed = crowd(rng, 300)
        .map((r) => layout.place(r))
        .filter((p): p is PlacedLabel => p !== undefined);
      assert.ok(placed.length > 20, `seed ${seed}: only ${placed.length} placed`);
      for (let i = 0; i < placed.length; i++)
        for (let j = i + 1; j < placed.length; j++) {
          const a = placed[i]!;
          const b = placed[j]!;
          const spaced = { ...a, x: a.x - LABEL_GAP_PX + 0.001, w: a.w + 2 * LABEL_GAP_PX - 0.002 };
          assert.ok(!overlap(spaced, b), `seed ${seed}: "${a.text}" and "${b.text}" meet`);
        }
    }
  });

  it('cuts a long label only after a whole word, marks it cut, and leaves out one whose first word does not fit', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Random(seed, 'cuts');
      const layout = new LabelLayout(measure);
      for (const request of crowd(rng, 100)) {
        const p = layout.place(request);
        const full = request.text;
        if (p === undefined) continue;
        assert.ok(p.w <= request.maxWidth + 2 * (request.padding ?? 0), `"${p.text}" is wider than allowed`);
        if (!p.cut) {
          assert.equal(p.text, full);
          continue;
        }
        assert.ok(p.text.endsWith('…'), `"${p.text}" is cut without saying so`);
        const kept = p.text.slice(0, -1).split(' ');
        // What is kept is the text's first whole words (a trailing "·" or "|" dropped), never part of one.
        assert.deepEqual(kept, full.split(' ').slice(0, kept.length), `"${p.text}" cuts a word of "${full}"`);
      }
    }
    assert.equal(fitText('partition {n1,n2} | n3', 5 * 6, measure), undefined, 'not "par…"');
    assert.equal(fitText('partition {n1,n2} | n3', 12 * 6, measure), 'partition…');
  });

  it('cuts between the parts of a state before cutting between words', () => {
    assert.equal(fitText('committed · tx t1-em', 16 * 6, measure), 'committed…');
    assert.equal(fitText('leader · term 12', 16 * 6, measure), 'leader · term 12');
    assert.equal(fitText('leader · term 12', 10 * 6, measure), 'leader…');
  });

  it('stacks a label at its next place when its first is taken, and keeps clear of space other labels hold', () => {
    const layout = new LabelLayout(measure);
    layout.occupy({ x: 0, y: 0, w: 60, h: 14 });
    const stacked = layout.place({
      text: 'crash',
      places: [
        { x: 10, y: 0 },
        { x: 10, y: -14 },
      ],
      h: 14,
      maxWidth: 100,
    });
    assert.deepEqual(stacked && [stacked.x, stacked.y], [10, -14]);
    const none = layout.place({ text: 'timer', places: [{ x: 20, y: 5 }], h: 14, maxWidth: 100 });
    assert.equal(none, undefined);
    const centred = layout.place({
      text: 'Vote',
      places: [{ x: 200, y: 0 }],
      h: 14,
      maxWidth: 100,
      centred: true,
      padding: 4,
    });
    assert.deepEqual(centred && [centred.x, centred.w], [200 - 16, 32]);
  });

  it("names its event under the whole of a label's box, so hovering a cut label shows the full text in a tooltip", () => {
    const hits = new HitList();
    hits.point(100, 100, 7);
    hits.label({ x: 107, y: 83, w: 120, h: 14, event: 7 });
    hits.label({ x: 300, y: 83, w: 60, h: 14, event: 9 });
    for (const x of [108, 160, 226]) assert.equal(hits.nearest(x, 90, 8), 7, `at x ${x}`);
    assert.equal(hits.nearest(330, 84, 8), 9);
    assert.deepEqual(
      hits.labels().map((l) => l.event),
      [7, 9],
    );
    hits.clear();
    assert.deepEqual(hits.labels(), []);
  });
});

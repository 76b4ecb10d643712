import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', '..', '..', 'media', 'lesson.css'), 'utf8');

/**
 * The VS Code theme variables the quiz reads, as the default themes (Light Modern, Dark Modern)
 * and the colour registry's defaults set them: testing.iconPassed is #73c991 in both.
 */
const themes: Record<string, Record<string, string>> = {
  'Light Modern': {
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-checkbox-background': '#f8f8f8',
    '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-testing-iconFailed': '#f14c4c',
  },
  'Dark Modern': {
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-checkbox-background': '#313131',
    '--vscode-list-inactiveSelectionBackground': '#37373d',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-testing-iconFailed': '#f14c4c',
  },
};

/** The declarations of the rule whose selector list is exactly `selector`. */
function declarations(selector: string): Record<string, string> {
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)];
  const rule = rules.find((r) => (r[1] ?? '').split(',').some((s) => s.trim() === selector));
  assert.ok(rule, `lesson.css has no rule for ${selector}`);
  return Object.fromEntries(
    (rule[2] ?? '')
      .split(';')
      .map((d) => d.split(/:(.*)/s).map((x) => x.trim()))
      .filter(([name]) => name)
      .map(([name, value]) => [name as string, value as string]),
  );
}

/** A value with its var(--x, fallback) references replaced, as the theme defines them. */
function resolve(value: string, theme: Record<string, string>): string {
  const root = declarations(':root');
  const v = value.trim();
  const reference = /^var\(\s*(--[\w-]+)\s*(?:,\s*([\s\S]*))?\)$/.exec(v);
  if (reference === null) return v;
  const name = reference[1] as string;
  const defined = theme[name] ?? root[name];
  if (defined !== undefined) return resolve(defined, theme);
  assert.ok(reference[2] !== undefined, `${name} is set neither by the theme nor in :root`);
  return resolve(reference[2], theme);
}

type Rgba = [number, number, number, number];

function parseColour(text: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = parseInt(hex[1] as string, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgba = /^rgba?\(([^)]*)\)$/.exec(text);
  assert.ok(rgba, `not a colour: ${text}`);
  const [r = 0, g = 0, b = 0, a = 1] = (rgba[1] as string).split(',').map(Number);
  return [r, g, b, a];
}

/** A colour laid over an opaque one. */
function over([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgba): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('lesson page: quiz colours in the default themes', () => {
  it('computes WCAG contrast as the standard does', () => {
    assert.equal(contrast(parseColour('#000000'), parseColour('#ffffff')), 21);
    assert.ok(Math.abs(contrast(parseColour('#73c991'), parseColour('#ffffff')) - 2.0) < 0.05);
  });

  for (const [name, theme] of Object.entries(themes)) {
    const page = parseColour(resolve('var(--lesson-bg)', theme));
    const panel = over(parseColour(resolve(declarations('form.quiz fieldset')['background'] ?? '', theme)), page);

    it(`${name}: "Correct." and "Not quite" meet WCAG AA (4.5:1) on the quiz panel`, () => {
      for (const selector of ['form.quiz-correct .quiz-feedback', 'form.quiz-incorrect .quiz-feedback']) {
        const colour = parseColour(resolve(declarations(selector)['color'] ?? 'var(--lesson-fg)', theme));
        const ratio = contrast(colour, panel);
        assert.ok(ratio >= 4.5, `${selector}: ${ratio.toFixed(2)}:1`);
      }
    });

    it(`${name}: the chosen answer's mark and border stand out from the panel (3:1)`, () => {
      const accent = parseColour(resolve(declarations('.quiz-option input')['accent-color'] ?? '', theme));
      assert.ok(contrast(accent, panel) >= 3, `radio accent ${contrast(accent, panel).toFixed(2)}:1`);
      const chosen = declarations('.quiz-option:has(input:checked)');
      const border = parseColour(resolve(chosen['border-color'] ?? '', theme));
      const background = over(parseColour(resolve(chosen['background'] ?? '', theme)), panel);
      assert.ok(contrast(border, panel) >= 3, `border ${contrast(border, panel).toFixed(2)}:1`);
      assert.ok(
        contrast(parseColour(resolve('var(--lesson-fg)', theme)), background) >= 4.5,
        'its text stays readable',
      );
    });
  }
});

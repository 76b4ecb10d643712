import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const skipped = new Set(['node_modules', 'dist', '.git', 'test-results', 'reports']);

/** Han characters, CJK punctuation and full-width forms: a line break between two of them renders as a space. */
const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;

function chineseMarkdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return chineseMarkdownFiles(path);
    return entry.name.endsWith('.zh-cn.md') ? [path] : [];
  });
}

/** Lines (1-based) that end in a CJK character while the next line of the same paragraph starts with one. */
function breaksBetweenChineseCharacters(markdown: string): number[] {
  const lines = markdown.split(/\r?\n/);
  const found: number[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    // Emphasis and link brackets render as nothing: what shows on either side of the break is the text inside them.
    const next = (lines[i + 1] as string).trimStart().replace(/^[*_`~[]+/, '');
    const last = line
      .trimEnd()
      .replace(/[*_`~]+$/, '')
      .slice(-1);
    // Two trailing spaces or a backslash make a hard break on purpose.
    if (/( {2}|\\)$/.test(line)) continue;
    if (last !== '' && cjk.test(last) && next !== '' && cjk.test(next.charAt(0))) found.push(i + 1);
  }
  return found;
}

describe('Chinese Markdown', () => {
  it('finds a break between two Chinese characters, and none across a blank line or in code', () => {
    assert.deepEqual(breaksBetweenChineseCharacters('第一句，\n第二句。'), [1]);
    assert.deepEqual(breaksBetweenChineseCharacters('第一段。\n\n第二段。'), []);
    assert.deepEqual(breaksBetweenChineseCharacters('```\n// 注释\n// 注释\n```'), []);
    assert.deepEqual(breaksBetweenChineseCharacters('中文 and\nEnglish'), []);
    assert.deepEqual(breaksBetweenChineseCharacters('**第一句**\n*第二句*'), [1]);
  });

  const files = chineseMarkdownFiles(root);
  it('finds the Chinese Markdown files', () => assert.ok(files.length > 0));
  for (const file of files) {
    it(`${relative(root, file)} keeps each paragraph on one line between Chinese characters`, () => {
      const lines = breaksBetweenChineseCharacters(readFileSync(file, 'utf8'));
      assert.deepEqual(
        lines,
        [],
        `line breaks between two Chinese characters (they render as a space) after lines ${lines.join(', ')}`,
      );
    });
  }
});

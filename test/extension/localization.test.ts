import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

/** Every message passed to `l10n.t` (or to the `t` the pure modules are given), read from the sources. */
function messages(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g))
          found.add((m[1] ?? '').replace(/\\'/g, "'"));
      }
    }
  };
  walk(join(ROOT, 'src', 'extension'));
  return found;
}

/** Every `%key%` the manifest refers to. */
function manifestKeys(): Set<string> {
  return new Set(
    [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1] ?? ''),
  );
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('extension: localization', () => {
  it('translates every interface message into Chinese, keeping its placeholders', () => {
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    const used = messages();
    assert.ok(used.size > 20, `found only ${used.size} messages`);
    for (const message of used) {
      const translated = bundle[message];
      assert.equal(typeof translated, 'string', `no translation for "${message}"`);
      assert.deepEqual(placeholders(translated as string), placeholders(message), message);
      assert.match(translated as string, /\p{Script=Han}/u, message);
    }
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !used.has(k)),
      [],
      'translations of messages no longer used',
    );
  });

  it('gives every manifest string an English and a Chinese text, and no more', () => {
    const keys = [...manifestKeys()].sort();
    assert.deepEqual(Object.keys(readJson('package.nls.json')).sort(), keys);
    assert.deepEqual(Object.keys(readJson('package.nls.zh-cn.json')).sort(), keys);
  });

  it('names walkthrough media that exist, in each language', () => {
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const texts = readJson(nls);
      for (const [key, value] of Object.entries(texts).filter(([k]) => k.endsWith('.media'))) {
        assert.doesNotThrow(() => readFileSync(join(ROOT, value as string)), `${nls}: ${key} names ${String(value)}`);
      }
    }
  });
});

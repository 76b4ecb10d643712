import assert from 'node:assert/strict';
import { eventStrings, playerStrings } from '../../src/webview/diagram/strings';
import { localeOf, viewerStrings } from '../../src/webview/traceViewer/strings';

/** Every text of a table, the functions called with sample values. */
function texts(table: object): string[] {
  return Object.values(table).flatMap((v: unknown) =>
    typeof v === 'string'
      ? v === 'en' || v === 'zh-cn'
        ? []
        : [v]
      : typeof v === 'function'
        ? [String((v as (...a: unknown[]) => unknown)('s', 1, 2, '3 ms', 'h'))]
        : texts(v as object),
  );
}

describe('webview: interface text in Chinese', () => {
  for (const [name, table] of [
    ['simulation controls', playerStrings],
    ['event details', eventStrings],
    ['trace viewer', viewerStrings],
  ] as const) {
    it(`writes every ${name} text in Chinese, as many as in English`, () => {
      const chinese = texts(table['zh-cn']);
      assert.equal(chinese.length, texts(table.en).length);
      for (const text of chinese) assert.match(text, /\p{Script=Han}/u, text);
    });
  }

  it("reads the page's language from <html lang>, English for any other", () => {
    assert.equal(localeOf('zh-cn'), 'zh-cn');
    assert.equal(localeOf('zh-CN'), 'zh-cn');
    assert.equal(localeOf('en'), 'en');
    assert.equal(localeOf('fr'), 'en');
  });
});

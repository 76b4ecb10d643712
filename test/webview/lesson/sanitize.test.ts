import assert from 'node:assert/strict';
import { sanitizeHtml } from '../../../src/webview/lesson/sanitize';
import { classifyUrl } from '../../../src/webview/lesson/url';

const plainLinks = { link: (href: string) => ({ href }) };
const clean = (html: string): string => sanitizeHtml(html, plainLinks);

describe('html sanitizer', () => {
  it('drops script and style elements with their content', () => {
    assert.equal(clean('a<script>alert(1)</script>b<STYLE>p{}</STYLE>c'), 'abc');
    assert.equal(clean('a<script src="x.js">'), 'a');
  });

  it('drops inline event handlers and style attributes but keeps allowed ones', () => {
    assert.equal(clean('<img src="x.png" onerror="alert(1)" alt="pic">'), '<img src="x.png" alt="pic">');
    assert.equal(clean('<b ONCLICK=go() style="color:red" class="k">y</b>'), '<b class="k">y</b>');
  });

  it('drops unknown elements but keeps their text, and escapes what is not a tag', () => {
    assert.equal(clean('<blink>hi</blink>'), 'hi');
    assert.equal(clean('<img/src=x onerror=alert(1)>'), '&lt;img/src=x onerror=alert(1)&gt;');
    assert.equal(clean('1 < 2 > 0'), '1 &lt; 2 &gt; 0');
  });

  it('drops comments, doctypes and svg', () => {
    assert.equal(clean('a<!-- <script>x</script> -->b<!DOCTYPE html>c<svg onload="x"><circle/></svg>d'), 'abcd');
  });

  it('keeps only checkbox and radio inputs', () => {
    assert.equal(
      clean('<input type="text" name="t"><input type="radio" name="q" value="0" onfocus="x">'),
      '<input type="radio" name="q" value="0">',
    );
  });

  it('re-escapes attribute values so quotes cannot break out', () => {
    assert.equal(clean(`<span title='a"onclick="x'>t</span>`), '<span title="a&quot;onclick=&quot;x">t</span>');
  });

  it('lets the link policy rewrite every href', () => {
    const html = sanitizeHtml('<a href="https://x.org" class="k">x</a><a href="javascript:y">y</a>', {
      link: (href): Record<string, string> => (href.startsWith('https:') ? { href, class: 'external' } : {}),
    });
    assert.equal(html, '<a class="k external" href="https://x.org">x</a><a>y</a>');
  });
});

describe('url classification', () => {
  it('forbids script-capable and remote-host schemes however they are disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:x',
      ' javascript:x',
      'java\tscript:x',
      '&#106;avascript:x',
      'jav&#x09;ascript:x',
      'data:text/html,x',
      'vbscript:x',
      'command:workbench.action.quit',
      'file:///etc/passwd',
      '//evil.example/x',
    ]) {
      assert.equal(classifyUrl(url), 'forbidden', url);
    }
  });

  it('tells external, fragment and relative links apart', () => {
    assert.equal(classifyUrl('https://raft.github.io'), 'external');
    assert.equal(classifyUrl('mailto:a@b.c'), 'external');
    assert.equal(classifyUrl('#blocking'), 'fragment');
    assert.equal(classifyUrl('../20-two-phase-commit/lesson.md'), 'relative');
    assert.equal(classifyUrl('starter.ts'), 'relative');
  });
});

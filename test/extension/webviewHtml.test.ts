import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, webviewHtml } from '../../src/extension/core/webviewHtml';

const page = {
  title: 'Raft <election>',
  lang: 'zh-cn',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  script: 'https://x/dist/webview/lesson.js',
  style: 'https://x/media/lesson.css',
};

describe('extension: webview pages', () => {
  it('allows only the extension own resources and the page nonce', () => {
    assert.equal(
      contentSecurityPolicy(page.cspSource, 'abc123'),
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123'; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
  });

  it('loads one script with the nonce and one stylesheet, with no inline script or style', () => {
    const html = webviewHtml(page);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-abc123'/,
    );
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/dist\/webview\/lesson.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/media\/lesson.css">/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /<style|style="/);
    assert.match(html, /<html lang="zh-cn">/);
    assert.match(html, /<title>Raft &lt;election&gt;<\/title>/);
  });

  it('draws a fresh nonce each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(a, makeNonce());
  });
});

// The panel page: strict CSP with a fresh nonce, one external script, initial data escaped in an attribute.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, renderPanelHtml } from '../../../src/extension/panel/html';

const RES = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'https://x/dist/webview/main.js', styles: ['https://x/dist/webview/main.css', 'https://x/media/panel.css'] };

describe('panel HTML', () => {
  it('allows only our own styles and images and the nonce’d script', () => {
    assert.equal(
      contentSecurityPolicy(RES.cspSource, 'abc'),
      `default-src 'none'; style-src ${RES.cspSource}; img-src ${RES.cspSource} data: blob:; script-src 'nonce-abc'`,
    );
  });

  it('uses a fresh nonce each time and no inline script', () => {
    const a = renderPanelHtml(RES, undefined);
    const b = renderPanelHtml(RES, undefined);
    const nonce = (h: string) => /nonce="([^"]+)"/.exec(h)?.[1];
    assert.ok(nonce(a) && nonce(a)!.length >= 20);
    assert.notEqual(nonce(a), nonce(b));
    const scripts = a.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /^<script nonce="[^"]+" src="https:\/\/x\/dist\/webview\/main\.js"><\/script>$/);
  });

  it('escapes the initial data so no text can leave the attribute', () => {
    const evil = { type: 'plot', label: '"><script>alert(1)</script><b x=\'' };
    const html = renderPanelHtml(RES, evil);
    assert.doesNotMatch(html, /<script>alert/);
    const attr = /data-initial="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), evil);
  });
});

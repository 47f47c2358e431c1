// A loopback HTTP server for the panel page: the HTML the extension renders (same CSP, nonce and
// data attribute) plus the built files from dist/webview and media, nothing else.
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { renderPanelHtml } from '../../../src/extension/panel/html';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface PageServer {
  readonly origin: string;
  /** Serves this initial message in data-initial on the next page load. */
  setInitial(initial: unknown): void;
  close(): Promise<void>;
}

/** Starts the server on a free port. `root` is the repository root. */
export async function startPageServer(root: string): Promise<PageServer> {
  let initial: unknown;
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/' || url.pathname === '/panel.html') {
      const html = renderPanelHtml({ cspSource: origin, script: `${origin}/dist/webview/main.js`, styles: [`${origin}/dist/webview/main.css`, `${origin}/media/panel.css`] }, initial);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    const allowed = rel.startsWith(`dist${path.sep}webview${path.sep}`) || rel.startsWith(`media${path.sep}`);
    const file = path.join(root, rel);
    if (!allowed || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    setInitial: (m) => (initial = m),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

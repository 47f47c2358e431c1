// Runs in the extension host (and in tests). The panel's HTML: a strict CSP with a fresh nonce,
// no inline script, and the first plot in an escaped data-* attribute.

/** Where the page's resources are, as webview URIs (strings) produced by `asWebviewUri`. */
export interface PageResources {
  /** `webview.cspSource` */
  readonly cspSource: string;
  readonly script: string;
  readonly styles: readonly string[];
}

/** Escapes text for an HTML attribute value in double quotes (and for text content). */
export function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fresh random nonce (base64url, 128 bits); works in Node and in web workers. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The Content-Security-Policy the panel uses: nothing but our own files and nonce'd script. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `img-src ${cspSource} data: blob:`, `script-src 'nonce-${nonce}'`].join('; ');
}

/**
 * A webview page of ours: strict CSP with a fresh nonce, our stylesheets and one script, no inline code; `initial`
 * (a host message) is JSON in `data-initial`, escaped.
 */
export function renderPage(res: PageResources, title: string, label: string, initial: unknown, nonce = makeNonce()): string {
  const csp = contentSecurityPolicy(res.cspSource, nonce);
  const styles = res.styles.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('\n    ');
  const data = initial === undefined ? '' : ` data-initial="${escapeAttribute(JSON.stringify(initial))}"`;
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttribute(title)}</title>
  </head>
  <body${data}>
    <main id="app" aria-label="${escapeAttribute(label)}"></main>
    <script nonce="${nonce}" src="${escapeAttribute(res.script)}"></script>
  </body>
</html>`;
}

/** The plot panel's page. */
export function renderPanelHtml(res: PageResources, initial: unknown, nonce = makeNonce()): string {
  return renderPage(res, 'Activation Lens: plot', 'Activation plot', initial, nonce);
}

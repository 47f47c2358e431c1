// Runs in the extension host (and in tests). The signal view's page: the panel's strict CSP with a fresh nonce,
// no inline script or style, the first model as escaped JSON in a data-* attribute.
import { contentSecurityPolicy, escapeAttribute, makeNonce, type PageResources } from '../panel/html';
import type { SignalToWebview } from '../../shared/signalProtocol';

export function renderSignalHtml(res: PageResources, initial: SignalToWebview, nonce = makeNonce()): string {
  const csp = contentSecurityPolicy(res.cspSource, nonce);
  const styles = res.styles.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>Signal through this model</title>
  </head>
  <body data-initial="${escapeAttribute(JSON.stringify(initial))}">
    <main id="app" aria-label="Signal through this model"></main>
    <script nonce="${nonce}" src="${escapeAttribute(res.script)}"></script>
  </body>
</html>`;
}

// Runs in the extension host (and in tests). The signal view's page: the panel's strict CSP with a fresh nonce,
// no inline script or style, the first model as escaped JSON in a data-* attribute.
import { makeNonce, renderPage, type PageResources } from '../panel/html';
import type { SignalToWebview } from '../../shared/signalProtocol';

export function renderSignalHtml(res: PageResources, initial: SignalToWebview, nonce = makeNonce()): string {
  return renderPage(res, 'Signal through this model', 'Signal through this model', initial, nonce);
}

// Runs in the webview (the plot panel's page). Entry point: reads the initial plot from the
// escaped data-* attribute, restores saved toggles and listens to the extension host.
import 'uplot/dist/uPlot.min.css';
import type { ToWebview } from '../shared/protocol';
import { connectHost } from './api';
import { App } from './app';

const KNOWN = new Set(['plot', 'samples', 'analysis', 'usages', 'formulaError', 'notice']);

/** Host messages are ours, but a page can receive other posts: accept only known shapes. */
function asHostMessage(data: unknown): ToWebview | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && KNOWN.has(type) ? (data as ToWebview) : undefined;
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const host = connectHost();
  const app = new App(root, host);
  app.restore(host.loadState());
  window.addEventListener('message', (e: MessageEvent) => {
    const m = asHostMessage(e.data);
    if (m) app.receive(m);
  });
  host.post({ type: 'ready' });
  const initial = document.body.dataset.initial;
  if (initial) {
    try {
      const m = asHostMessage(JSON.parse(initial));
      if (m) app.receive(m);
    } catch {
      // A broken attribute only costs the first paint: the host answers `ready` with a fresh plot.
    }
  }
}

start();

// Opens the panel page in Chromium with a fake `acquireVsCodeApi` that records what the webview
// posts and hands it to a real PlotSession in Node, whose replies are dispatched back as
// `message` events, the way VS Code delivers them.
import type { Page } from 'playwright-core';
import { PlotSession } from '../../../src/core/panel/session';
import type { TexPort } from '../../../src/core/hover/userMath';
import type { FormulaCompiler } from '../../../src/core/panel/curves';
import { parseFromWebview, type CurveSource, type FromWebview, type ToWebview } from '../../../src/shared/protocol';
import type { Browser } from './browser';
import type { PageServer } from './server';
import { DARK, type FakeTheme } from './themes';

export interface PanelPage {
  readonly page: Page;
  readonly session: PlotSession;
  /** Epoch milliseconds (sub-millisecond) when the host started building the panel. */
  readonly startedAt: number;
  /** Valid messages the host received, in order. */
  readonly received: FromWebview[];
  /** Messages the host sent after the page loaded. */
  readonly sent: ToWebview[];
  /** Sends a message to the webview as VS Code would. */
  send(m: ToWebview): Promise<void>;
  /** Messages the webview posted, as recorded inside the page. */
  posted(): Promise<unknown[]>;
  /** Completed chart draws so far. */
  draws(): Promise<number>;
  setTheme(theme: FakeTheme): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly sources: readonly CurveSource[];
  readonly compileFormula: FormulaCompiler;
  /** The math renderer the session typesets formulas with (none: formulas stay text). */
  readonly tex?: TexPort;
  readonly theme?: FakeTheme;
  /** State the webview finds in getState() (a reload). */
  readonly savedState?: unknown;
}

/** The script VS Code would provide, injected before the page's own. */
function fakeVsCodeApi(arg: { theme: FakeTheme; state: unknown }): void {
  const w = window as unknown as Record<string, unknown>;
  w.__posted = [];
  w.__state = arg.state;
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
  w.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => {
      (w.__posted as unknown[]).push(m);
      (w.__toHost as (m: unknown) => void)(m);
    },
    getState: () => w.__state,
    setState: (s: unknown) => (w.__state = s),
  });
  // The init script runs before <html> exists: apply the theme as the elements appear.
  let themed = false;
  const apply = (obs?: MutationObserver) => {
    const html = document.documentElement;
    if (html && !themed) {
      for (const [k, v] of Object.entries(arg.theme.vars)) html.style.setProperty(k, v);
      themed = true;
    }
    if (document.body) {
      document.body.classList.add(arg.theme.bodyClass);
      obs?.disconnect();
    }
  };
  new MutationObserver((_, obs) => apply(obs)).observe(document, { childList: true, subtree: true });
}

/** Loads the panel with a session holding `sources`, the first plot embedded like the extension does. */
export async function openPanelPage(browser: Browser, server: PageServer, options: OpenOptions): Promise<PanelPage> {
  const page = await browser.context.newPage();
  const received: FromWebview[] = [];
  const sent: ToWebview[] = [];
  let chain = Promise.resolve();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const deliver = (m: ToWebview) => {
    sent.push(m);
    // As a JSON string: Playwright serialises large arrays element by element (tens of ms per
    // message), while VS Code's postMessage uses structured clone; a string is close to that.
    chain = chain.then(() => page.evaluate((json) => void window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(json) })), JSON.stringify(m))).catch(() => undefined);
    return chain;
  };
  // Filled in below, once the page is set up: what a command does starts there.
  const host: { session?: PlotSession; renderedVersion?: number } = {};
  await page.exposeFunction('__toHost', (raw: unknown) => {
    const m = parseFromWebview(raw);
    if (!m) return;
    received.push(m);
    // As the real panel does: a (re)loaded page gets the analysis, and the plot if it changed since the HTML.
    const s = host.session;
    if (s && !s.handle(m) && m.type === 'ready') {
      if (s.version !== host.renderedVersion) s.publish();
      else s.publishAnalysis();
    }
  });
  await page.addInitScript(fakeVsCodeApi, { theme: options.theme ?? DARK, state: options.savedState });
  // From here on is what a command does: build the curves, render the page with the first plot, load it.
  const startedAt = performance.timeOrigin + performance.now();
  const session = new PlotSession((m) => void deliver(m), { compileFormula: options.compileFormula, ...(options.tex ? { tex: options.tex } : {}) });
  host.session = session;
  session.setSources(options.sources);
  server.setInitial(session.plotMessage());
  host.renderedVersion = session.version;
  await page.goto(`${server.origin}/panel.html`);
  return {
    page,
    session,
    startedAt,
    received,
    sent,
    send: deliver,
    posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted),
    draws: () => page.evaluate(() => Number(document.getElementById('chart')?.getAttribute('data-draws') ?? 0)),
    setTheme: (t) =>
      page.evaluate((theme) => {
        for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(k, v);
        document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
        document.body.classList.add(theme.bodyClass);
      }, t),
    close: async () => {
      await chain;
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      await page.close();
      if (csp.length) throw new Error(`CSP violations: ${csp.join(' | ')}`);
      if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
    },
  };
}

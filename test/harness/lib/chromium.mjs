// Debian's Chromium, headless for tests (driven by playwright-core) or as an app window for `npm start`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium as chromiumPath } from './paths.mjs';
import { onCleanup, spawnTracked } from './processes.mjs';
import { withTimeout } from './wait.mjs';

/** Flags that keep Chromium quiet and deterministic on a headless machine with no network but npm and Debian. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fails with one line saying what to install when Chromium is missing. */
export function requireChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian chromium: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
}

/**
 * A fresh profile that allows third-party cookies: without them webviews fail to register their service worker.
 * Removed at cleanup.
 */
export function freshProfile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-chromium-'));
  mkdirSync(path.join(dir, 'Default'), { recursive: true });
  writeFileSync(path.join(dir, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Kills what is left of a Chromium that did not close in time: exactly the processes started with this
 * (unique, temporary) profile directory.
 */
function killProfileProcesses(profile) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

/** Launches headless Chromium through playwright-core; closed at cleanup. Returns the browser context. */
export async function launchHeadless({ viewport = { width: 1400, height: 900 } } = {}) {
  requireChromium();
  const { chromium } = await import('playwright-core');
  const profile = freshProfile();
  const context = await withTimeout(
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
      handleSIGINT: false,
      handleSIGTERM: false,
    }),
    60_000,
    'headless Chromium to start',
  );
  onCleanup(async () => {
    await withTimeout(context.close(), 10_000, 'Chromium to close').catch(() => {});
    killProfileProcesses(profile);
  });
  return context;
}

/** Opens `url` in a Chromium app window (a person's session); the returned child exits when the window closes. */
export function openAppWindow(url) {
  requireChromium();
  return spawnTracked(chromiumPath, [...CHROMIUM_FLAGS.filter((f) => f !== '--disable-gpu'), `--user-data-dir=${freshProfile()}`, `--app=${url}`, '--window-size=1400,900']);
}

// Starts code-server (VS Code 1.139 with the Node extension host) on a free loopback port, on Node 24 from npm.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, codeServerStamp, node24 } from './paths.mjs';
import { onCleanup, spawnTracked } from './processes.mjs';
import { freePort, waitForOutput } from './wait.mjs';

/** Fails with one line saying what to run when code-server is not installed. */
export function requireCodeServer() {
  if (!existsSync(codeServerEntry) || !existsSync(codeServerStamp) || !existsSync(node24)) {
    throw new Error('code-server is not installed: run `node test/harness/install-hosts.mjs`');
  }
}

/**
 * Starts code-server on `folder`. With `smokeDriver` it honours the `payload` URL parameter that loads an
 * extension under development and its tests (see run-host-tests.mjs). A given `userDataDir` is kept; otherwise a
 * temporary one is used. Stopped at cleanup.
 * @param {{ folder: string, extensionsDir?: string, userDataDir?: string, smokeDriver?: boolean, readyMs?: number }} options
 * @returns {Promise<{ port: number, url: string, child: import('./processes.mjs').TrackedChild, userDataDir: string }>}
 */
export async function startCodeServer(options) {
  const { folder, extensionsDir, userDataDir: keptUserData, smokeDriver = false, readyMs = 60_000 } = options;
  requireCodeServer();
  const home = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-code-server-'));
  onCleanup(() => rmSync(home, { recursive: true, force: true }));
  const userDataDir = keptUserData ?? path.join(home, 'user-data');
  // Another process may take the port between freePort() and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir ?? path.join(home, 'extensions'),
      ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      folder,
    ];
    // Its config file and data go to the temporary home, never the user's.
    const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') };
    const child = spawnTracked(node24, args, { env, cwd: home });
    try {
      await waitForOutput(child, /HTTP server listening/, readyMs, 'code-server to listen');
      return { port, url: `http://127.0.0.1:${port}/`, child, userDataDir };
    } catch (error) {
      await child.stop();
      if (attempt >= 3 || !/EADDRINUSE/.test(child.output)) throw error;
    }
  }
}

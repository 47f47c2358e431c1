// `npm start`: a real VS Code (code-server) with Activation Lens loaded on the demo workspace (test/demo).
// On a fresh machine it first installs what is missing (`npm ci`, the hosts of test/harness/hosts) and builds.
// With a display it opens a Chromium app window (closing it stops everything); without one it prints the URL.
// Ctrl-C shuts everything down. Options:
//   --no-open   print the URL only          --check   open headless, assert the extension is active, exit
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchHeadless, openAppWindow } from '../test/harness/lib/chromium.mjs';
import { startCodeServer } from '../test/harness/lib/code-server.mjs';
import { extensionsDirWithThisExtension } from '../test/harness/lib/extension-dir.mjs';
import { chromium, demoWorkspace, root } from '../test/harness/lib/paths.mjs';
import { cleanupAll, installExitHandlers } from '../test/harness/lib/processes.mjs';
import { withTimeout } from '../test/harness/lib/wait.mjs';
import { ensureDependencies } from './deps.mjs';
import * as workbench from '../test/harness/lib/workbench.mjs';

const args = new Set(process.argv.slice(2));

/** Runs a setup step with the terminal attached; bounded so a stuck install cannot hang `npm start`. */
function step(what, command, commandArgs, timeoutMs) {
  console.log(`start: ${what}`);
  return withTimeout(
    /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code})`))));
      child.on('error', reject);
    })),
    timeoutMs,
    what,
  );
}

/** Headless proof that the workbench opens the demo with the extension active (`--check`, for CI and after changes). */
async function check(url) {
  const context = await launchHeadless();
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await workbench.waitForWorkbench(page);
    await workbench.openFile(page, 'torch_cnn.py');
    // The extension's hover over an activation proves it loaded and activated.
    const at = workbench.positionOf(path.join(demoWorkspace, 'torch_cnn.py'), 'nn.ReLU(');
    const hover = await workbench.hoverAt(page, at.line, at.column + 3, 20_000);
    if (!hover || !/ReLU/.test(hover.text)) throw new Error(`no Activation Lens hover over nn.ReLU in the demo (hover: ${hover ? JSON.stringify(hover.text) : 'none'})`);
  } catch (error) {
    console.error(`start: screenshot of the failure: ${await workbench.screenshot(page, 'start-demo-failed')}`);
    throw error;
  }
  console.log(`start: the extension is active; screenshot ${await workbench.screenshot(page, 'start-demo')}`);
}

async function main() {
  installExitHandlers();
  ensureDependencies('start');
  await step('installing the VS Code hosts (first time: about 3 minutes)', process.execPath, ['test/harness/install-hosts.mjs'], 45 * 60_000);
  await step('building', process.execPath, ['scripts/build.mjs'], 5 * 60_000);

  // Fresh user data each run: cached extension scans from an earlier run would point at a removed extensions dir.
  const server = await startCodeServer({ folder: demoWorkspace, extensionsDir: extensionsDirWithThisExtension() });
  const url = `${server.url}?folder=${encodeURIComponent(demoWorkspace)}`;

  const desktop = (process.env.PATH || '').split(':').some((dir) => existsSync(path.join(dir, 'code')));
  if (desktop) console.log(`start: desktop VS Code is on PATH too: \`code --extensionDevelopmentPath=${root} ${demoWorkspace}\``);
  if (args.has('--check')) {
    await check(url);
    return 0;
  }
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (display && !args.has('--no-open') && existsSync(chromium)) {
    console.log(`start: VS Code with Activation Lens at ${url}\nstart: opening a Chromium window; close it or press Ctrl-C to stop`);
    const window = openAppWindow(url);
    await Promise.race([new Promise((resolve) => window.on('exit', resolve)), new Promise((resolve) => server.child.on('exit', resolve))]);
  } else {
    if (!display && !args.has('--no-open')) console.log('start: no display found, so no window opens');
    console.log(`\nOpen this URL in a browser:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
    await new Promise((resolve) => server.child.on('exit', resolve));
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`start: ${error.message}`);
} finally {
  await cleanupAll();
}
process.exit(code);

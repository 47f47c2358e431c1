// The packaged product in a clean code-server: builds the .vsix (`npm run package`), installs it with
// `code-server --install-extension` into a fresh extensions dir (not the development folder), then either runs the
// UI checks of test/harness/ui against it or measures activation.
// Usage:
//   node test/harness/run-vsix.mjs [--vsix=FILE] [FILTER]   UI checks whose name or file contains FILTER;
//                                                          ends with `vsix-ui: N passed, N failed`
//   node test/harness/run-vsix.mjs --activation=N           N window loads; prints `activation: [{call, total}]`
//   node test/harness/run-vsix.mjs --update-screenshots walkthrough
//                                   the walkthrough checks, then their screenshots to media/screenshots/
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchHeadless } from './lib/chromium.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { artifactsDir, fixtureWorkspace, root } from './lib/paths.mjs';
import { cleanupAll, installExitHandlers } from './lib/processes.mjs';
import { buildVsix, installVsix } from './lib/vsix.mjs';
import { loadChecks, runChecks } from './lib/checks.mjs';
import * as workbench from './lib/workbench.mjs';

const argv = process.argv.slice(2);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const filter = argv.find((a) => !a.startsWith('--'));

async function openWorkbench(server) {
  const context = await launchHeadless();
  const page = await context.newPage();
  await page.goto(`${server.url}?folder=${encodeURIComponent(fixtureWorkspace)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await workbench.waitForWorkbench(page);
  return page;
}

/** Every check of test/harness/ui, run against the installed package. */
async function uiChecks(page) {
  return runChecks(page, await loadChecks(filter), { label: 'vsix-ui', screenshotPrefix: 'vsix-' });
}

/**
 * Waits (bounded) for the extension's log file (its LogOutputChannel, written by the extension host under the
 * server's user data) to contain a line matching `pattern`, and returns the match. `seen` skips lines of
 * earlier window loads.
 */
async function logLine(userDataDir, pattern, seen, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const logs = path.join(userDataDir, 'logs');
    const files = (existsSync(logs) ? readdirSync(logs, { recursive: true }) : []).map(String).filter((f) => f.endsWith('Activation Lens.log'));
    for (const file of files) {
      for (const line of readFileSync(path.join(userDataDir, 'logs', file), 'utf8').split('\n')) {
        const match = pattern.exec(line);
        if (match && !seen.has(`${file}:${line}`)) {
          seen.add(`${file}:${line}`);
          return match;
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${pattern} in the extension's log under ${userDataDir}/logs`);
}

/**
 * One window load: opens a Python file (activation onLanguage:python), then reads the extension's own figure
 * (activate call to ready, from its log line) and VS Code's (code loading + activate call, Running Extensions).
 */
async function measureOnce(page, userDataDir, seen) {
  await workbench.openFile(page, 'torch_model.py');
  const call = Number((await logLine(userDataDir, /Activation Lens activated in ([\d.]+) ms/, seen))[1]);
  await workbench.runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Activation Lens' }).first();
  await row.locator('text=/Activation: \\d+ms/').first().waitFor({ state: 'visible', timeout: 30_000 });
  const total = Number(/Activation: (\d+)ms/.exec(await row.innerText())?.[1]);
  await workbench.screenshot(page, 'vsix-running-extensions');
  return { call, total };
}

/** The README's and walkthrough's images, from the walkthrough checks' screenshots of the installed package. */
function updateScreenshots() {
  const dir = path.join(root, 'media/screenshots');
  mkdirSync(dir, { recursive: true });
  for (const name of ['hover', 'panel', 'quick-fix']) {
    copyFileSync(path.join(artifactsDir, `ui-walkthrough-${name}.png`), path.join(dir, `${name}.png`));
    console.log(`vsix: media/screenshots/${name}.png updated`);
  }
}

async function main() {
  installExitHandlers();
  const started = Date.now();
  const vsix = option('vsix') ?? buildVsix();
  const installed = installVsix(vsix);
  console.log(`vsix: installed ${path.basename(installed.folder)} (${installed.files.length} entries) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const server = await startCodeServer({ folder: fixtureWorkspace, extensionsDir: installed.extensionsDir });
  const runs = Number(option('activation') ?? 0);
  if (!runs) {
    const code = await uiChecks(await openWorkbench(server));
    if (code === 0 && argv.includes('--update-screenshots')) updateScreenshots();
    return code;
  }
  const samples = [];
  const seen = new Set();
  for (let i = 0; i < runs; i++) {
    // A new page is a new window, and with it a new extension host that activates the extension again.
    const page = await openWorkbench(server);
    try {
      samples.push(await measureOnce(page, server.userDataDir, seen));
    } catch (error) {
      console.error(`vsix: screenshot of the failure: ${await workbench.screenshot(page, 'vsix-activation-failed')}`);
      throw error;
    }
    await page.close();
  }
  console.log(`activation: ${JSON.stringify(samples)}`);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`vsix: ${error.stack ?? error.message}`);
  console.log('vsix-ui: 0 passed, 1 failed');
} finally {
  await cleanupAll();
}
process.exit(code);

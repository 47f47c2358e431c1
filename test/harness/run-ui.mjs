// UI checks: the real workbench of code-server in headless Chromium, with the extension installed as a person
// installs it. Each test/harness/ui/*.ui.mjs default-exports a list of `{ name, run(ui) }`; `ui` carries the page
// and the helpers of lib/workbench.mjs. Screenshots go to test-artifacts/ (git-ignored).
// Usage: node test/harness/run-ui.mjs [name filter]. Ends with `ui: N passed, N failed`; non-zero exit on failure.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchHeadless } from './lib/chromium.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { extensionsDirWithThisExtension } from './lib/extension-dir.mjs';
import { fixtureWorkspace, root } from './lib/paths.mjs';
import { cleanupAll, installExitHandlers } from './lib/processes.mjs';
import { withTimeout } from './lib/wait.mjs';
import * as workbench from './lib/workbench.mjs';

/** Bound on each check; the workbench answers in well under a second when healthy. */
const CHECK_TIMEOUT_MS = 90_000;

async function loadChecks(filter) {
  const dir = path.join(root, 'test/harness/ui');
  const checks = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ui.mjs')).sort()) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    for (const check of mod.default) checks.push({ ...check, file });
  }
  return checks.filter((c) => !filter || c.name.includes(filter));
}

async function main() {
  installExitHandlers();
  if (!existsSync(path.join(root, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs`');
  const checks = await loadChecks(process.argv[2]);
  const server = await startCodeServer({ folder: fixtureWorkspace, extensionsDir: extensionsDirWithThisExtension() });
  const context = await launchHeadless();
  const page = await context.newPage();
  await page.goto(`${server.url}?folder=${encodeURIComponent(fixtureWorkspace)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await workbench.waitForWorkbench(page);
  const fixture = (relativePath) => path.join(fixtureWorkspace, relativePath);
  const ui = { page, assert, fixture, ...workbench };
  let passed = 0;
  let failed = 0;
  for (const check of checks) {
    try {
      await withTimeout(check.run(ui), CHECK_TIMEOUT_MS, check.name);
      passed++;
      console.log(`  ✔ ${check.name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${check.name} (${check.file})\n    ${String(error.stack ?? error).split('\n').slice(0, 8).join('\n    ')}`);
      await workbench.screenshot(page, `failed-${check.name.replace(/\W+/g, '-')}`).catch(() => {});
    }
    // Each check starts from a quiet workbench: no hover, no palette, no editors, no dialog.
    await workbench.resetWorkbench(page).catch(() => {});
  }
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`ui: ${error.message}`);
  console.log('ui: 0 passed, 1 failed');
} finally {
  await cleanupAll();
}
process.exit(code);

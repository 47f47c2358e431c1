// UI checks: the real workbench of code-server in headless Chromium, with the extension installed as a person
// installs it. Each test/harness/ui/*.ui.mjs default-exports a list of `{ name, run(ui) }`; `ui` carries the page
// and the helpers of lib/workbench.mjs. Screenshots go to test-artifacts/ (git-ignored).
// Usage: node test/harness/run-ui.mjs [name filter]. Ends with `ui: N passed, N failed`; non-zero exit on failure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchHeadless } from './lib/chromium.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { extensionsDirWithThisExtension } from './lib/extension-dir.mjs';
import { fixtureWorkspace, root } from './lib/paths.mjs';
import { cleanupAll, installExitHandlers } from './lib/processes.mjs';
import { loadChecks, runChecks } from './lib/checks.mjs';
import * as workbench from './lib/workbench.mjs';

async function main() {
  installExitHandlers();
  if (!existsSync(path.join(root, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs`');
  const checks = await loadChecks(process.argv[2]);
  const server = await startCodeServer({ folder: fixtureWorkspace, extensionsDir: extensionsDirWithThisExtension() });
  const context = await launchHeadless();
  const page = await context.newPage();
  await page.goto(`${server.url}?folder=${encodeURIComponent(fixtureWorkspace)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await workbench.waitForWorkbench(page);
  return runChecks(page, checks, { label: 'ui' });
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

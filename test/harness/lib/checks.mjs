// The UI checks of test/harness/ui and the loop that runs them, shared by run-ui.mjs (development folder) and
// run-vsix.mjs (installed package).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtureWorkspace, root } from './paths.mjs';
import { withTimeout } from './wait.mjs';
import * as workbench from './workbench.mjs';

/** Bound on each check; the workbench answers in well under a second when healthy. */
const CHECK_TIMEOUT_MS = 90_000;

/** Every `{ name, run(ui) }` default-exported by test/harness/ui/*.ui.mjs, with its file, matching `filter`. */
export async function loadChecks(filter) {
  const dir = path.join(root, 'test/harness/ui');
  const checks = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ui.mjs')).sort()) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    for (const check of mod.default) checks.push({ ...check, file });
  }
  return checks.filter((c) => !filter || c.name.includes(filter) || c.file.includes(filter));
}

/**
 * Runs the checks one by one on `page`, each from a quiet workbench, and prints `LABEL: N passed, N failed`.
 * Returns the exit code: 1 when any check failed.
 */
export async function runChecks(page, checks, { label, screenshotPrefix = '' }) {
  const ui = { page, assert, fixture: (relativePath) => path.join(fixtureWorkspace, relativePath), ...workbench };
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
      await workbench.screenshot(page, `${screenshotPrefix}failed-${check.name.replace(/\W+/g, '-')}`).catch(() => {});
    }
    // Each check starts from a quiet workbench: no hover, no palette, no editors, no "save?" dialog.
    await workbench.resetWorkbench(page).catch(() => {});
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

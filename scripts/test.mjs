// `npm test`: every check in order. Stops at the first failing step and exits non-zero.
// Steps are plain commands so each can also be run alone (see package.json scripts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDependencies } from './deps.mjs';

// A fresh clone has no node_modules yet: install exactly what the lock file says first.
ensureDependencies('test');

/** @type {[name: string, command: string, args: string[]][]} */
const steps = [
  // One TypeScript project per runtime (core, webview, extension, cli) and one for tests: see scripts/typecheck.mjs.
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit', 'npm', ['run', '-s', 'test:unit']],
  // The npm tarball installed alone, and the pre-commit hooks run by Debian's pre-commit (both offline).
  ['npm', 'npm', ['run', '-s', 'test:npm']],
  // The plot panel's webview client in real Chromium (playwright-core, /usr/bin/chromium).
  ['webview', 'npm', ['run', '-s', 'test:webview']],
  // Real VS Code (test/harness): install the hosts if missing, then the in-host suite in both hosts, then the UI checks.
  ['hosts', 'node', ['test/harness/install-hosts.mjs']],
  ['host', 'npm', ['run', '-s', 'test:host']],
  ['ui', 'npm', ['run', '-s', 'test:ui']],
];

const only = process.argv.slice(2);
// The steps from `webview` on drive Debian's Chromium: say so once, plainly, instead of failing test by test.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const needsChromium = only.length === 0 || only.some((s) => ['webview', 'hosts', 'host', 'ui'].includes(s));
if (needsChromium && !existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian chromium: sudo apt-get install chromium libkrb5-dev (or set CHROMIUM_PATH)`);
  process.exit(1);
}
const failed = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.log(`=== ${name}: FAILED (${seconds} s)`);
    failed.push(name);
    break;
  }
  console.log(`=== ${name}: ok (${seconds} s)`);
}
if (failed.length) {
  console.error(`\nnpm test failed at: ${failed.join(', ')}`);
  process.exit(1);
}

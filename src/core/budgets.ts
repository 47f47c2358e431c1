/**
 * Size budgets for live analysis in the editor. Scanning (hovers, the panel's usages) is linear and always runs;
 * the rules, which also read model structure, run live only below this size. Above it the editor says so once
 * and `activation-lens check` still checks the file in full.
 */
export const LIVE_CHECK_MAX_CHARS = 1_000_000;

/** The plain message for a document too large for live checks, or undefined when it is within budget. */
export function liveCheckNotice(chars: number): string | undefined {
  if (chars <= LIVE_CHECK_MAX_CHARS) return undefined;
  const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
  return `Activation Lens: this file (${mb(chars)}) is over the ${mb(LIVE_CHECK_MAX_CHARS)} live-check limit, so only hovers are shown as you type; run \`activation-lens check\` to check it in full.`;
}

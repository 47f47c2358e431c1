/**
 * Which rules' preferred fixes `--fix` applies on its own. Safe: the fix keeps what working code computes, or repairs
 * code that cannot run (a name or string the framework rejects) with the one name it clearly meant. Unsafe (only
 * with `--unsafe-fixes`): the fix changes what a running model computes or how it trains, so a person should look.
 */
import type { RuleCode } from '../rules/codes';

const SAFE: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'invalid-activation-string',
  'transformer-activation-string',
  'leaky-relu-alpha',
  'deprecated-activation-api',
  'unknown-activation-api',
]);

export function isSafeFix(code: RuleCode): boolean {
  return SAFE.has(code);
}

/** What every rule receives: the parsed source, the model structure, the target versions and a sink for findings. */
import type { ParsedSource, ScanUnit, Usage } from '../scan';
import type { SignalThresholds } from '../signal/types';
import type { TargetVersions } from '../versions/types';
import type { Pairing } from '../model/pairing';
import type { ModelInfo } from './model';
import type { RawFinding } from './types';

export interface RuleContext {
  readonly parsed: ParsedSource;
  readonly model: ModelInfo;
  /** Which model a name or expression denotes at a point, and what its output ends in (scope- and order-aware). */
  readonly pairing: Pairing;
  readonly versions: TargetVersions;
  /** `line 12`, or `cell 3, line 2` in notebooks (1-based), for messages that name another place. */
  where(unit: number, offset: number): string;
  /** First-layer gradient ratios that make `vanishing-signal` / `exploding-signal` (defaults 1e-3 and 1e3). */
  readonly signalThresholds?: SignalThresholds;
  report(finding: RawFinding): void;
}

export type Rule = (ctx: RuleContext) => void;

/**
 * Every usage that passes `keep`, with its unit and the unit's index. Rules pass their cheapest test as `keep`:
 * most usages fail it, and nothing is allocated for those.
 */
export function usagesOf(ctx: RuleContext, keep?: (usage: Usage) => boolean): { usage: Usage; unit: ScanUnit; index: number }[] {
  const out: { usage: Usage; unit: ScanUnit; index: number }[] = [];
  const units = ctx.parsed.units;
  for (let index = 0; index < units.length; index++) {
    // Indexed: a `for...of` allocates an iterator result per usage until the loop is optimised.
    const usages = units[index].usages;
    for (let i = 0; i < usages.length; i++) if (!keep || keep(usages[i])) out.push({ usage: usages[i], unit: units[index], index });
  }
  return out;
}

/** Token index whose start offset is `offset`, or -1. Tokens are sorted by start: binary search. */
export function tokenAt(unit: ScanUnit, offset: number): number {
  const starts = unit.ts.start;
  let lo = 0;
  let hi = unit.ts.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] === offset) return mid;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

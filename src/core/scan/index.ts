/** Public entry points of the scanner: Python text or notebook JSON in, usages out. */
import type { ScanResult } from './types';

export type { Framework, ParamValue, ScanResult, Usage, UsageForm } from './types';

/** Finds every activation usage in one Python source. Never throws. */
export function scanPython(_text: string): ScanResult {
  return { usages: [], notes: [] };
}

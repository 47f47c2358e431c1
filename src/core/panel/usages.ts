// The plot panel's editor-free logic (no vscode, no DOM). From scanner usages to the panel's curve sources
// and list items.
import { getActivation } from '../catalog';
import type { Usage } from '../scan';
import type { CurveSource, SourceParams, UsageItem } from '../../shared/protocol';

/** Literal parameters the catalog can take (lists and other shapes are left out). */
function literalParams(params: Usage['params']): SourceParams {
  const out: Record<string, number | string | boolean | null> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** Whether the catalog can plot this usage (custom functions and invalid strings cannot). */
export function isPlottable(u: Usage): boolean {
  return u.form !== 'custom' && u.valid !== false && getActivation(u.name) !== undefined;
}

/** The curve source for a usage, carrying what picks the right Keras variant. */
export function sourceOfUsage(u: Usage): CurveSource {
  return {
    kind: 'activation',
    name: u.name,
    framework: u.framework,
    params: literalParams(u.params),
    form: u.form,
    ...(u.qualified ? { qualified: u.qualified } : {}),
    ...(u.raw !== undefined ? { raw: u.raw } : {}),
  };
}

/** The usage under (line, col), else the first one on that line. */
export function usageAt(usages: readonly Usage[], line: number, col: number): Usage | undefined {
  const inside = usages.find((u) => (u.line < line || (u.line === line && u.col <= col)) && (u.endLine > line || (u.endLine === line && u.endCol >= col)));
  return inside ?? usages.find((u) => u.line === line);
}

/** List items for the panel; `lineText` gives the source line for context. */
export function usageItems(usages: readonly Usage[], lineText: (line: number) => string): UsageItem[] {
  return usages.filter(isPlottable).map((u) => {
    const numeric: Record<string, number> = {};
    for (const [k, v] of Object.entries(u.params)) if (typeof v === 'number' && Number.isFinite(v)) numeric[k] = v;
    const text = lineText(u.line).trim();
    return { name: u.name, framework: u.framework, line: u.line, col: u.col, text: text.length > 90 ? `${text.slice(0, 87)}...` : text, params: numeric };
  });
}

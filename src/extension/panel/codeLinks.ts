// Runs in the extension host; no vscode import. Curves plotted from the code stay linked to the usage they came
// from, so an edit of that usage's parameters redraws them (as the usages list follows the same analysis).
import { isPlottable, sourceOfUsage } from '../../core/panel/usages';
import type { Usage } from '../../core/scan';
import type { TargetVersions } from '../../core/versions';
import type { CurveSource } from '../../shared/protocol';

/** Where a curve came from: a usage of a document, found again after edits by name, framework and nearest line. */
export interface CodeLink {
  readonly uri: string;
  readonly name: string;
  readonly framework: string;
  readonly line: number;
}

/** The curve source of a usage, pinned to the Keras version its file's analysis targets (as its hover says). */
export function sourceInFile(usage: Usage, versions: TargetVersions | undefined): CurveSource {
  const source = sourceOfUsage(usage);
  return usage.framework === 'keras' && versions && source.kind === 'activation' ? { ...source, kerasVersion: String(versions.kerasMajor) } : source;
}

export function linkOf(uri: string, usage: Usage): CodeLink {
  return { uri, name: usage.name, framework: usage.framework, line: usage.line };
}

/** The usage a link points at in the document's new usages: same activation, nearest line (within 50 lines). */
export function followLink(link: CodeLink, usages: readonly Usage[]): Usage | undefined {
  let best: Usage | undefined;
  for (const u of usages) {
    if (u.name !== link.name || u.framework !== link.framework || !isPlottable(u)) continue;
    if (!best || Math.abs(u.line - link.line) < Math.abs(best.line - link.line)) best = u;
  }
  return best && Math.abs(best.line - link.line) <= 50 ? best : undefined;
}

/**
 * The curves after an edit of a linked document: a linked curve whose usage now has other parameters gets the new
 * source (and the code's values); the others are kept with their values. Undefined when nothing changed.
 */
export function followEdits<V>(
  curves: readonly { readonly source: CurveSource; readonly values: V; readonly link?: CodeLink }[],
  uri: string, usages: readonly Usage[], versions: TargetVersions | undefined,
): { sources: CurveSource[]; values: (V | undefined)[]; links: (CodeLink | undefined)[] } | undefined {
  let changed = false;
  const sources: CurveSource[] = [];
  const values: (V | undefined)[] = [];
  const links: (CodeLink | undefined)[] = [];
  for (const c of curves) {
    const usage = c.link?.uri === uri ? followLink(c.link, usages) : undefined;
    const next = usage ? sourceInFile(usage, versions) : undefined;
    if (usage && next && JSON.stringify(next) !== JSON.stringify(c.source)) {
      changed = true;
      sources.push(next);
      values.push(undefined);
      links.push(linkOf(uri, usage));
    } else {
      sources.push(c.source);
      values.push(c.values);
      links.push(usage ? linkOf(uri, usage) : c.link);
    }
  }
  return changed ? { sources, values, links } : undefined;
}

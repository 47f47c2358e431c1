/**
 * Annotated fixtures: a trailing `#@ name:framework:form, ...` comment lists the usages expected on that line, in
 * order. Lines without one must have none. Comments are invisible to the scanner, so the annotations cannot leak.
 */
export interface Expected {
  readonly line: number;
  readonly name: string;
  readonly framework: string;
  readonly form: string;
  readonly cell?: number;
}

/** Expected usages of one Python text (0-based lines). */
export function expectationsOf(text: string, cell?: number): Expected[] {
  const out: Expected[] = [];
  text.split('\n').forEach((line, index) => {
    const at = line.indexOf('#@ ');
    if (at === -1) return;
    for (const item of line.slice(at + 3).replace(/\r$/, '').split(', ')) {
      const parts = item.split(':');
      const form = parts.pop()!;
      const framework = parts.pop()!;
      out.push({ line: index, name: parts.join(':'), framework, form, ...(cell === undefined ? {} : { cell }) });
    }
  });
  return out;
}

export const key = (u: { readonly line: number; readonly name: string; readonly framework: string; readonly form: string; readonly cell?: number }): string =>
  `${u.cell ?? '-'}:${u.line + 1}  ${u.name}:${u.framework}:${u.form}`;

/** Multiset difference: what `a` has that `b` lacks. */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
  const missing: string[] = [];
  for (const k of a) {
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else missing.push(k);
  }
  return missing;
}

/**
 * The plot as text: f and f′ at round x values across the plotted interval, in a fenced block that reads the same
 * in any editor (the hover of clients that cannot show images, and the plot file written for them).
 */
import { fmt } from './format';
import type { CurveModel } from './model';

/** About nine round x values (steps of 1, 2 or 5 times a power of ten) inside [lo, hi], always with 0 when inside. */
export function tableXs(lo: number, hi: number, rows = 9): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / (rows - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const xs: number[] = [];
  for (let x = Math.ceil(lo / step) * step; x <= hi + step * 1e-9 && xs.length < rows * 2; x += step) xs.push(Number(x.toPrecision(12)));
  return xs;
}

function value(fn: ((x: number) => number) | undefined, x: number): string {
  if (!fn) return '';
  try {
    const y = fn(x);
    return typeof y === 'number' ? fmt(y) : '';
  } catch {
    return '';
  }
}

/** Rows of `x  f(x)  f′(x)`, right-aligned, without the fence. */
export function valueTableText(curve: CurveModel): string | undefined {
  const xs = tableXs(curve.range[0], curve.range[1]);
  if (xs.length === 0) return undefined;
  const rows = [['x', 'f(x)', curve.df ? 'f′(x)' : ''], ...xs.map((x) => [fmt(x), value(curve.f, x), value(curve.df, x)])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c])).join('   ').trimEnd()).join('\n');
}

/** The table as a fenced Markdown block (the cells are numbers and fixed labels only, so nothing needs escaping). */
export function valueTableMarkdown(curve: CurveModel): string | undefined {
  const text = valueTableText(curve);
  return text ? `\`\`\`text\n${text}\n\`\`\`` : undefined;
}

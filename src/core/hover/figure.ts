/**
 * The hover's one image: the plot of f and f' on the left, the rendered formula and derivative on the right.
 * One image side by side keeps the hover inside VS Code's default hover height (250 px on a 1080p screen).
 */
import { renderPlotSvg } from '../plot/svgPlot';
import { escapeXml } from '../plot/svgPlot';
import { paletteFor, type ThemeKind } from '../plot/palette';
import { svgDataUri } from './dataUri';
import { mathSvg, userMathSvg, type MathSvg } from './mathImages';
import type { CurveModel } from './model';
import { rendererId, type TexRenderer } from './userMath';

interface FigureSpec {
  readonly curve?: CurveModel;
  readonly tex?: string;
  readonly derivativeTex?: string;
  /** `s = 0.2` lines under the formulas. */
  readonly symbols: readonly string[];
  /** Short property lines shown in a third column (plain text, escaped here). */
  readonly facts: readonly string[];
  readonly theme: ThemeKind;
  readonly plotWidth: number;
  readonly showPlot: boolean;
  readonly showFormula: boolean;
  /** The TeX is a user's (not rendered at build time): typeset it with this renderer, if any. */
  readonly userTex?: { readonly renderer: TexRenderer | undefined };
}

export interface Figure {
  readonly uri: string;
  readonly width: number;
  readonly height: number;
  /** Whether the formulas are in the image (otherwise the hover writes them as text). */
  readonly hasFormula: boolean;
  /** Whether the property lines are in the image. */
  readonly hasFacts: boolean;
}

const MAX_ENTRIES = 200;
const cache = new Map<string, Figure | undefined>();
const GAP = 14;
const LINE = 15;
/** Average advance of a 12 px sans-serif character, to size text columns. */
const CHAR = 6.4;

/** Places a standalone SVG at (x, y) inside the figure by giving its root element a position. */
function place(svg: string, x: number, y: number): string {
  return svg.replace(/^<svg /, `<svg x="${x.toFixed(1)}" y="${y.toFixed(1)}" `);
}

function compose(spec: FigureSpec): Figure | undefined {
  const plot = spec.showPlot && spec.curve
    ? renderPlotSvg({ f: spec.curve.f, df: spec.curve.df, xMin: spec.curve.range[0], xMax: spec.curve.range[1], zones: spec.curve.zones, width: spec.plotWidth, theme: spec.theme, title: spec.curve.description })
    : undefined;
  const plotSize = plot ? /width="(\d+)" height="(\d+)"/.exec(plot) : null;
  const plotW = plotSize ? Number(plotSize[1]) : 0;
  const plotH = plotSize ? Number(plotSize[2]) : 0;
  const formulas: MathSvg[] = [];
  if (spec.showFormula && spec.tex) {
    const user = spec.userTex;
    const render = (lhs: string, tex: string): MathSvg | undefined => (user ? userMathSvg(lhs, tex, spec.theme, user.renderer) : mathSvg(lhs, tex, spec.theme));
    const f = render('f(x)', spec.tex);
    const df = f && spec.derivativeTex ? render("f'(x)", spec.derivativeTex) : undefined;
    if (f) formulas.push(f);
    if (df) formulas.push(df);
  }
  // Facts alone read better as text: the image exists for the plot and the formulas.
  if (!plot && formulas.length === 0) return undefined;
  const symbolLines = formulas.length ? spec.symbols : [];
  const textH = formulas.reduce((h, m) => h + m.height + 6, 0) + symbolLines.length * LINE;
  const left = plot ? plotW + GAP : 0;
  const formulaW = Math.max(0, ...formulas.map((m) => m.width), ...symbolLines.map((l) => l.length * CHAR));
  const factsLeft = left + (formulaW ? formulaW + GAP : 0);
  const factsW = Math.max(0, ...spec.facts.map((l) => l.length * CHAR));
  const width = Math.ceil(factsLeft + factsW);
  const height = Math.ceil(Math.max(plotH, textH, spec.facts.length * LINE + 4));
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  if (plot) parts.push(place(plot, 0, 0));
  let y = Math.max(0, (height - textH) / 2);
  for (const m of formulas) {
    parts.push(place(m.svg, left, y));
    y += m.height + 6;
  }
  const colour = paletteFor(spec.theme).text;
  const text = (x: number, yy: number, line: string): string =>
    `<text x="${x.toFixed(1)}" y="${yy.toFixed(1)}" fill="${colour}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="12">${escapeXml(line)}</text>`;
  for (const line of symbolLines) {
    y += LINE;
    parts.push(text(left, y - 4, line));
  }
  let fy = Math.max(0, (height - spec.facts.length * LINE) / 2);
  for (const line of spec.facts) {
    fy += LINE;
    parts.push(text(factsLeft, fy - 4, line));
  }
  parts.push('</svg>');
  return { uri: svgDataUri(parts.join('')), width, height, hasFormula: formulas.length > 0, hasFacts: spec.facts.length > 0 };
}

/** The figure for a hover, cached by everything it shows: hovering the same activation again draws nothing. */
export function figure(spec: FigureSpec): Figure | undefined {
  // A user formula's image depends on whether a renderer typeset it (none yet, or none in this client).
  const typeset = spec.userTex ? (spec.userTex.renderer ? rendererId(spec.userTex.renderer) : 'text') : 'built';
  const key = JSON.stringify([spec.theme, spec.plotWidth, spec.showPlot, spec.showFormula, typeset, spec.curve?.cacheKey, spec.tex, spec.derivativeTex, spec.symbols, spec.facts]);
  if (cache.has(key)) {
    const hit = cache.get(key);
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = compose(spec);
  cache.set(key, made);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return made;
}

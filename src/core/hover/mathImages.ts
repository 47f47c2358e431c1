/**
 * Formula images: the catalog's TeX was rendered to SVG at build time (scripts/gen-math-svgs.mjs), so the
 * extension never carries MathJax. Here the SVG gets its glyphs back and the theme's text colour.
 */
import { MATH_GLYPHS, MATH_SVGS } from './generated/mathSvgs';
import { textColourFor, type ThemeKind } from '../plot/palette';

/** Key under which the generator stores the rendering of `lhs = tex`. */
export function mathKey(lhs: string, tex: string): string {
  return `${lhs}=${tex}`;
}

/** A rendered formula: standalone SVG text and its size in CSS pixels. */
export interface MathSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const cache = new Map<string, MathSvg | undefined>();

/** The rendered `lhs = tex` for a theme, or undefined when the TeX was not rendered at build time. */
export function mathSvg(lhs: string, tex: string, theme: ThemeKind): MathSvg | undefined {
  const key = `${theme}\u0000${mathKey(lhs, tex)}`;
  if (cache.has(key)) return cache.get(key);
  const stored = MATH_SVGS[mathKey(lhs, tex)];
  let result: MathSvg | undefined;
  if (stored !== undefined) {
    // MathJax draws with currentColor, which an <img> resolves to black: use the theme's text colour instead.
    const svg = stored.replace(/\{(TEX-[\w-]+)\}/g, (_, id: string) => MATH_GLYPHS[id] ?? '').replace(/currentColor/g, textColourFor(theme));
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    result = { svg, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
  }
  cache.set(key, result);
  return result;
}

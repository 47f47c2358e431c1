/**
 * Formula images: the catalog's TeX was rendered to SVG at build time (scripts/gen-math-svgs.mjs), so the
 * extension never carries MathJax. Here the SVG gets the theme's text colour and becomes a data URI.
 */
import { MATH_GLYPHS, MATH_SVGS } from './generated/mathSvgs';
import { svgDataUri } from './dataUri';
import { textColourFor, type ThemeKind } from '../plot/palette';

const cache = new Map<string, string>();

/** Key under which the generator stores the rendering of `lhs = tex`. */
export function mathKey(lhs: string, tex: string): string {
  return `${lhs}=${tex}`;
}

/** Data URI of the rendered `lhs = tex` for a theme, or undefined when the TeX was not rendered at build time. */
export function mathImage(lhs: string, tex: string, theme: ThemeKind): string | undefined {
  const key = `${theme}\u0000${mathKey(lhs, tex)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const svg = MATH_SVGS[mathKey(lhs, tex)];
  if (svg === undefined) return undefined;
  // MathJax draws with currentColor, which an <img> resolves to black: set the theme's text colour instead.
  const full = svg.replace(/\{(TEX-[\w-]+)\}/g, (_, id: string) => MATH_GLYPHS[id] ?? '');
  const uri = svgDataUri(full.replace(/currentColor/g, textColourFor(theme)));
  cache.set(key, uri);
  return uri;
}

/** How many formulas were rendered at build time (for tests and logs). */
export function renderedFormulaCount(): number {
  return Object.keys(MATH_SVGS).length;
}

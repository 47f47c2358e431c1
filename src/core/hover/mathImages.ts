/**
 * Formula images: the catalog's TeX was rendered to SVG at build time (scripts/gen-math-svgs.mjs), so the
 * extension never carries MathJax for it. Here the SVG gets its glyphs back and the theme's text colour. A user's
 * TeX is typeset at run time through the editor's renderer (userMath.ts) and coloured the same way.
 */
import { MATH_GLYPHS, MATH_SVGS } from './generated/mathSvgs';
import { textColourFor, type ThemeKind } from '../plot/palette';
import { typesetUserTex, type TexRenderer } from './userMath';

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

/** MathJax draws with currentColor, which an <img> resolves to black: the theme's text colour instead. */
function themed(svg: string, theme: ThemeKind): MathSvg {
  const coloured = svg.replace(/currentColor/g, textColourFor(theme));
  const size = /width="([\d.]+)" height="([\d.]+)"/.exec(coloured);
  return { svg: coloured, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
}

/** The rendered `lhs = tex` for a theme, or undefined when the TeX was not rendered at build time. */
export function mathSvg(lhs: string, tex: string, theme: ThemeKind): MathSvg | undefined {
  const key = `${theme}\u0000${mathKey(lhs, tex)}`;
  if (cache.has(key)) return cache.get(key);
  const stored = MATH_SVGS[mathKey(lhs, tex)];
  const result = stored === undefined ? undefined : themed(stored.replace(/\{(TEX-[\w-]+)\}/g, (_, id: string) => MATH_GLYPHS[id] ?? ''), theme);
  cache.set(key, result);
  return result;
}

/** `lhs = tex` from user code typeset by `renderer` for a theme, or undefined (see typesetUserTex). */
export function userMathSvg(lhs: string, tex: string, theme: ThemeKind, renderer: TexRenderer | undefined): MathSvg | undefined {
  const svg = typesetUserTex(lhs, tex, renderer);
  return svg === undefined ? undefined : themed(svg, theme);
}

/**
 * Formulas from user code (user-defined activations, typed formulas) typeset at run time. The catalog's TeX is
 * rendered at build time (mathImages.ts); a user's TeX cannot be, so the editor supplies a renderer (a port: the
 * extension's is MathJax in its own chunk, loaded on first need) and the core bounds what it asks and checks what
 * it gets back. With no renderer (command line, language server, before the chunk loaded, after it failed or ran
 * over budget) callers get undefined and write the formula as text.
 */
import { userText } from './escape';
import { MemoOnKey } from '../memoOnKey';

/** TeX (one line, `lhs = tex`) to a standalone SVG drawn in currentColor, or undefined when it cannot. */
export type TexRenderer = (tex: string) => string | undefined;

/** How the core reaches a renderer that loads on first need: the one loaded so far, and a way to load it. */
export interface TexPort {
  readonly renderer: TexRenderer | undefined;
  load(): Promise<TexRenderer | undefined>;
}

/** Longest TeX typeset: it bounds the render time and the image's width; longer formulas stay text. */
export const MAX_USER_TEX = 400;
/** Longest SVG accepted back from a renderer. */
export const MAX_USER_SVG = 200_000;
/** Time one render may take; a slower one is not shown, and a renderer slow twice is not asked again. */
export const TEX_BUDGET_MS = 250;
const MAX_OVERRUNS = 2;
const MAX_CACHE = 128;

/**
 * Anything that could run, link or fetch in an SVG: scripts, foreign content, images, links, styles, animation,
 * event handlers, url() references and any href that is not a fragment of the same image. MathJax's own SVG has
 * none of these (its glyphs are `<use xlink:href="#...">` of paths in the same SVG).
 */
const ACTIVE = /<\s*(?:script|foreignObject|image|a|iframe|style|animate|set)\b|\son\w+\s*=|url\s*\(|javascript:|data:|\shref\s*=\s*"(?!#)|xlink:href\s*=\s*"(?!#)/i;

/** Whether `svg` is one inert SVG element: safe in a data: URI image, whatever the renderer was. */
export function isInertSvg(svg: unknown): svg is string {
  return typeof svg === 'string' && svg.length <= MAX_USER_SVG && /^<svg\s[^>]*>[\s\S]*<\/svg>$/.test(svg) && !ACTIVE.test(svg);
}

const overruns = new MemoOnKey<TexRenderer, number>('overruns');
const ids = new MemoOnKey<TexRenderer, number>('id');
let lastId = 0;

/** A number per renderer, for cache keys of images it typeset. */
export function rendererId(renderer: TexRenderer): number {
  const known = ids.get(renderer);
  if (known !== undefined) return known;
  ids.set(renderer, ++lastId);
  return lastId;
}
const caches = new MemoOnKey<TexRenderer, Map<string, string | undefined>>('math');

/**
 * `lhs = tex` typeset by `renderer` as SVG in currentColor, or undefined: no renderer, TeX not one line within
 * MAX_USER_TEX (userText, the hovers' gate for user text, must leave it unchanged), a render error, a result that
 * is not an inert SVG, or a render over TEX_BUDGET_MS. Results are cached per renderer and TeX.
 */
export function typesetUserTex(lhs: string, tex: string, renderer: TexRenderer | undefined): string | undefined {
  if (!renderer || (overruns.get(renderer) ?? 0) >= MAX_OVERRUNS) return undefined;
  const line = `${lhs} = ${tex}`;
  if (typeof tex !== 'string' || tex.trim() === '' || line.length > MAX_USER_TEX || userText(line, MAX_USER_TEX) !== line) return undefined;
  let cache = caches.get(renderer);
  if (!cache) caches.set(renderer, (cache = new Map()));
  if (cache.has(line)) return cache.get(line);
  const started = Date.now();
  let svg: string | undefined;
  try {
    svg = renderer(line);
  } catch {
    svg = undefined;
  }
  if (Date.now() - started > TEX_BUDGET_MS) {
    overruns.set(renderer, (overruns.get(renderer) ?? 0) + 1);
    svg = undefined;
  }
  const result = isInertSvg(svg) ? svg : undefined;
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(line, result);
  return result;
}

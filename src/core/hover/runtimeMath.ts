/**
 * Run-time TeX → SVG for formulas that are not in the catalog (user-defined activations), with MathJax and the
 * options of scripts/gen-math-svgs.mjs (display style, local font cache, 15 px per em), so custom and built-in
 * formulas look alike. The MathJax document is made on first need; a TeX string over the length budget, or one
 * MathJax cannot render, gives undefined and the hover keeps its text form.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

/** Longer TeX is not typeset (the text form stays): it bounds the render time and the image width. */
export const MAX_RUNTIME_TEX = 400;
const EM_PX = 15;
const MAX_CACHE = 64;

type Convert = (tex: string) => string;
let converter: Convert | undefined | null;
const cache = new Map<string, string | undefined>();

function makeConverter(): Convert {
  const adaptor: LiteAdaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', { InputJax: new TeX({ packages: ['base', 'ams'] }), OutputJax: new SVG({ fontCache: 'local' }) });
  return (tex) => adaptor.innerHTML(doc.convert(tex, { display: true }) as Parameters<LiteAdaptor['innerHTML']>[0]);
}

/** Same clean-up as the build-time generator: pixel sizes, no inline style, shorter numbers. */
function tidy(svg: string): string | undefined {
  if (/data-mjx-error|merror/.test(svg)) return undefined;
  const box = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg);
  if (!box || !svg.startsWith('<svg ')) return undefined;
  const w = ((Number(box[3]) / 1000) * EM_PX).toFixed(1);
  const h = ((Number(box[4]) / 1000) * EM_PX).toFixed(1);
  return svg
    .replace(/ style="[^"]*"/, '')
    .replace(/ width="[^"]*"/, ` width="${w}"`)
    .replace(/ height="[^"]*"/, ` height="${h}"`)
    .replace(/ data-(mml-node|c|mjx-texclass)="[^"]*"/g, '')
    .replace(/ focusable="false"/, '')
    .replace(/><\/(path|use|rect)>/g, '/>')
    .replace(/<g>(<use [^>]*\/>)<\/g>/g, '$1')
    .replace(/(\d\.\d{2})\d+/g, '$1');
}

/** SVG of `tex` drawn with currentColor, or undefined (too long, not renderable, or MathJax unavailable). */
export function renderTexSvg(tex: string): string | undefined {
  if (typeof tex !== 'string' || tex.length === 0 || tex.length > MAX_RUNTIME_TEX) return undefined;
  if (cache.has(tex)) return cache.get(tex);
  let result: string | undefined;
  try {
    if (converter === undefined) converter = makeConverter();
    result = converter ? tidy(converter(tex)) : undefined;
  } catch {
    // MathJax failed to load here (converter null: never retried) or this TeX failed: the text form stays.
    if (converter === undefined) converter = null;
    result = undefined;
  }
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(tex, result);
  return result;
}

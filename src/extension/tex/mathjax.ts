/**
 * TeX to SVG with MathJax, for formulas the build could not render ahead (user-defined activations, typed
 * formulas). This is the entry of its own bundle, dist/tex.js (scripts/texChunk.mjs): the extension evaluates it
 * the first time such a formula must be shown, so neither activation nor a built-in's hover ever loads MathJax.
 * scripts/gen-math-svgs.mjs renders the catalog's TeX with the same function and clean-up, so both look alike.
 * Only the TeX packages that mathjs' TeX needs are registered (base: fractions, roots, \left \right, \mathrm,
 * \text; ams: cases); no \require, no HTML extensions, so nothing is ever fetched.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

/** CSS pixels per em: the size of the catalog's formula images. */
const EM_PX = 15;

/** One TeX string to a standalone SVG drawn in currentColor, or undefined when MathJax reports an error. */
export type TexToSvg = (tex: string) => string | undefined;

/**
 * MathJax's SVG made fit for an <img>: pixel sizes (no surrounding font to size ex units by), no inline style, no
 * MathJax bookkeeping attributes, shorter numbers. Undefined when MathJax drew an error instead.
 */
export function tidySvg(svg: string): string | undefined {
  if (/data-mjx-error|merror/.test(svg) || !svg.startsWith('<svg ')) return undefined;
  const box = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg);
  if (!box) return undefined;
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

/** A renderer with these TeX packages (registered by the importer; the build's generator passes all of them). */
export function createTexToSvg(packages: readonly string[] = ['base', 'ams']): TexToSvg {
  const adaptor: LiteAdaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', { InputJax: new TeX({ packages: [...packages] }), OutputJax: new SVG({ fontCache: 'local' }) });
  return (tex) => tidySvg(adaptor.innerHTML(doc.convert(tex, { display: true }) as Parameters<LiteAdaptor['innerHTML']>[0]));
}

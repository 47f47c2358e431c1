// Runs in the webview. A formula the host typeset (an inert SVG drawn in currentColor, checked by the core) shown
// as an <img> with a data: URI in the theme's text colour: an image cannot run or fetch anything, and the CSP
// admits data: images and nothing remote.
import { el } from '../dom';

/** A CSS colour as the theme gives it, or a neutral grey when it is anything else. */
function safeColour(colour: string): string {
  return /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\)|[a-z]+)$/i.test(colour.trim()) ? colour.trim() : '#808080';
}

/** Points `img` at `svg` drawn in `colour`. */
export function paintFormula(img: HTMLImageElement, svg: string, colour: string): void {
  img.src = `data:image/svg+xml,${encodeURIComponent(svg.replace(/currentColor/g, safeColour(colour)))}`;
}

/** The typeset f and f' of a curve, one image each, with the formula as text for screen readers. */
export function formulaImages(typeset: { readonly f: string; readonly df?: string }, text: string, colour: string): { readonly block: HTMLElement; repaint(colour: string): void } {
  const svgs = [typeset.f, typeset.df].filter((s): s is string => typeof s === 'string' && s.startsWith('<svg'));
  const imgs = svgs.map((svg, i) => {
    const img = el('img', { class: 'formula-image', alt: i === 0 ? `f(x) = ${text}` : 'its derivative' });
    paintFormula(img, svg, colour);
    return img;
  });
  return {
    block: el('div', { class: 'curve-formula' }, ...imgs),
    repaint: (c) => imgs.forEach((img, i) => paintFormula(img, svgs[i], c)),
  };
}

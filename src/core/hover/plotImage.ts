/** The hover's plot image, cached by curve, theme and size: hovering the same line twice draws once. */
import { renderPlotSvg } from '../plot/svgPlot';
import type { ThemeKind } from '../plot/palette';
import { svgDataUri } from './dataUri';
import type { CurveModel } from './model';

const MAX_ENTRIES = 200;
const cache = new Map<string, string>();

/** Data URI of the plot of `curve` for a theme and width. */
export function plotImage(curve: CurveModel, theme: ThemeKind, width: number): string {
  const key = `${theme}|${width}|${curve.cacheKey}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh recency so the least recently used entry is the one evicted.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const svg = renderPlotSvg({ f: curve.f, df: curve.df, xMin: curve.range[0], xMax: curve.range[1], zones: curve.zones, width, theme, title: curve.description });
  const uri = svgDataUri(svg);
  cache.set(key, uri);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return uri;
}

/**
 * The `activationLens.plot` command for editors without a webview: the activation under a position, plotted
 * (f and f′ with the code's own parameters) into an SVG and an HTML page with the formula and a table of values,
 * written to a new private temporary folder. Returns both paths.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogPort, type HoverOptions } from '../core/hover';
import { buildModel } from '../core/hover/buildModel';
import { valueTableText } from '../core/hover/valueTable';
import { escapeXml, renderPlotSvg } from '../core/plot/svgPlot';
import { definitionSource, usageAt, type DocumentAnalysis } from '../core/scan/documentAnalysis';

export const PLOT_COMMAND = 'activationLens.plot';

export interface PlotFiles {
  readonly name: string;
  readonly svg: string;
  readonly html: string;
}

/** What the plot shows, or why there is nothing to plot at the offset. */
export function plotAt(analysis: DocumentAnalysis, offset: number, options: HoverOptions): { title: string; svg: string; html: string } | string {
  const usage = usageAt(analysis, offset);
  if (!usage) return 'no activation at this position';
  const source = usage.form === 'custom' ? definitionSource(analysis, usage) : analysis.source;
  const model = buildModel(usage, catalogPort, options, source);
  if (!model || model.kind === 'invalid' || !model.curve) return `nothing to plot for '${usage.written.slice(0, 80)}'`;
  const curve = model.curve;
  const title = model.kind === 'catalog' ? model.title : model.name;
  const svg = renderPlotSvg({ f: curve.f, df: curve.df, xMin: curve.range[0], xMax: curve.range[1], zones: curve.zones, width: 640, theme: options.theme, title: curve.description });
  const formula = model.kind === 'catalog'
    ? [model.formulaText && `f(x) = ${model.formulaText}`, model.derivativeText && `f′(x) = ${model.derivativeText}`, model.symbols.length ? `with ${model.symbols.map((s) => `${s.symbol} = ${s.value}`).join(', ')}` : '']
    : [model.mathjs && `f(x) = ${model.mathjs}`];
  const call = model.kind === 'catalog' ? model.call : undefined;
  const table = valueTableText(curve);
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing runs and nothing loads: the page is the inline SVG and text.
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    `<title>${escapeXml(title)}: Activation Lens</title>`,
    '<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:48rem}pre{font-size:0.95rem}</style>',
    '</head><body>',
    `<h1>${escapeXml(title)}</h1>`,
    call ? `<p><code>${escapeXml(call)}</code></p>` : '',
    svg,
    ...formula.filter(Boolean).map((line) => `<p>${escapeXml(String(line))}</p>`),
    `<p>${escapeXml(curve.description)}</p>`,
    table ? `<pre aria-label="Values of f and f′">${escapeXml(table)}</pre>` : '',
    '</body></html>',
  ].filter(Boolean).join('\n');
  return { title, svg, html };
}

/** Writes the plot's files into a new folder under the system's temporary folder (readable by the user only). */
export function writePlot(plot: { title: string; svg: string; html: string }): PlotFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-plot-'));
  const base = plot.title.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'activation';
  const svg = path.join(dir, `${base}.svg`);
  const html = path.join(dir, `${base}.html`);
  writeFileSync(svg, plot.svg, { mode: 0o600 });
  writeFileSync(html, plot.html, { mode: 0o600 });
  return { name: plot.title, svg, html };
}

/**
 * Renders a hover model to Markdown. Every piece of text from user code goes through escapeMarkdown or
 * inlineCode; the one image is a base64 data URI; links are only our own commands.
 *
 * Layout: VS Code caps a hover at max(editor height / 4, 250 px) unless the user resized it, so a hover that fits
 * a 1080p screen is one header line, one side-by-side figure (plot and formulas) and a single paragraph of short
 * lines joined by hard breaks (no paragraph margins). Lines are kept or left out whole (layout.ts); none is cut.
 */
import { clip, escapeMarkdown, inlineCode } from './escape';
import { COMMANDS } from '../commandIds';
import { commandLink } from './commandLinks';
import { figure } from './figure';
import { drawnLines, fitLines } from './layout';
import { deadRiskText, factLines, fmt, rangeText, saturationText } from './format';
import type { ActivationProperties } from '../catalog/types';
import { valueTableMarkdown } from './valueTable';
import type { CatalogHover, CurveModel, CustomHover, HoverModel, HoverOptions, InvalidStringHover, PlotCommandArgs } from './model';

const BREAK = '  \n';

/** The image with its alt text: whole `; `-separated parts while they fit 300 characters, never a cut one. */
function image(alt: string, uri: string): string {
  const parts: string[] = [];
  for (const part of alt.split('; ')) {
    if (parts.length && [...parts, part].join('; ').length > 300) break;
    parts.push(parts.length ? part : clip(part, 300));
  }
  return `![${escapeMarkdown(parts.join('; '))}](${uri})`;
}

/** A codicon (`$(warning) `) where the client draws them (VS Code), nothing elsewhere. */
function icon(name: string, options: HoverOptions): string {
  return options.client === 'lsp' ? '' : `$(${name}) `;
}

function figureBlock(curve: CurveModel | undefined, tex: string | undefined, dtex: string | undefined, symbols: readonly string[], properties: ActivationProperties | undefined, alt: string, options: HoverOptions, userTex = false): { block?: string; height?: number; hasFormula: boolean; hasFacts: boolean } {
  // No images: the formula and facts go into the text, and the plot becomes a table of values (textTable).
  if (options.images === false) return { hasFormula: false, hasFacts: false };
  const facts = options.sections.properties && properties ? factLines(properties) : [];
  const fig = figure({ curve, tex, derivativeTex: dtex, symbols, facts, theme: options.theme, plotWidth: options.plotWidth, showPlot: options.sections.plot, showFormula: options.sections.formula, ...(userTex ? { userTex: { renderer: options.texRenderer } } : {}) });
  const fullAlt = [alt, ...(fig?.hasFacts ? facts : [])].filter(Boolean).join('; ');
  return fig ? { block: image(fullAlt, fig.uri), height: fig.height, hasFormula: fig.hasFormula, hasFacts: fig.hasFacts } : { hasFormula: false, hasFacts: false };
}

/** Where the client shows no images, the plot as a table of values after the text. */
function textTable(curve: CurveModel | undefined, options: HoverOptions): string | undefined {
  return options.images === false && options.sections.plot && curve ? valueTableMarkdown(curve) : undefined;
}

function behaviourLines(p: ActivationProperties): string[] {
  const facts = [
    `range ${rangeText(p.range)}`,
    p.monotonic ? `monotonic (${p.monotonic})` : 'not monotonic',
    p.zeroCentred ? 'zero-centred' : 'not zero-centred',
    p.smooth ? 'smooth' : p.kinks.length ? `kink at x = ${p.kinks.slice(0, 3).map(fmt).join(', ')}` : 'not smooth',
  ];
  if (p.minimum) facts.push(`minimum ${fmt(p.minimum.value)} at x = ${fmt(p.minimum.at)}`);
  const gradient = [`max |f′| ${fmt(p.maxGradient.value)}`];
  const saturation = saturationText(p.saturation);
  if (saturation) gradient.push(`saturates: ${saturation}`);
  gradient.push(deadRiskText(p));
  return [`**Behaviour:** ${facts.join(' · ')}`, `**Gradient:** ${gradient.join(' · ')}`];
}

function linksLine(args: PlotCommandArgs | undefined, docs: { label: string; url: string } | undefined, options: HoverOptions): string | undefined {
  if (!options.sections.links) return undefined;
  if (options.client === 'lsp') return docs ? `[${escapeMarkdown(docs.label)} docs](${docs.url})` : undefined;
  const links: string[] = [];
  if (args) {
    links.push(commandLink('$(graph) Plot', COMMANDS.showPlot, args, 'Open the plot panel on this activation'));
    links.push(commandLink('$(diff) Compare', COMMANDS.compare, args, 'Compare with another activation'));
  }
  if (docs) links.push(commandLink(`$(book) ${escapeMarkdown(docs.label)} docs`, COMMANDS.openDocs, { url: docs.url }, docs.url));
  return links.length ? links.join(' &nbsp;·&nbsp; ') : undefined;
}

function renderCatalog(model: CatalogHover, options: HoverOptions): string[] {
  const { sections } = options;
  const filled = model.filledDefaults.length ? ` *(defaults filled: ${model.filledDefaults.map((d) => escapeMarkdown(d)).join(', ')})*` : '';
  const header = `**${escapeMarkdown(model.title)}** · ${escapeMarkdown(model.where)}${model.call ? ` · ${inlineCode(clip(model.call, 150))}${filled}` : ''}`;
  const symbols = model.symbols.map((s) => `${s.symbol} = ${s.value}`);
  const alt = [
    model.formulaText ? `f(x) = ${model.formulaText}` : '',
    model.derivativeText ? `f'(x) = ${model.derivativeText}` : '',
    symbols.length ? `with ${symbols.join(', ')}` : '',
    model.curve && sections.plot ? model.curve.description : '',
  ].filter(Boolean).join('; ');
  const fig = figureBlock(model.curve, model.tex, model.derivativeTex, symbols, model.properties, alt, options);
  const formula = sections.formula && !fig.hasFormula && model.formulaText
    ? `f(x) = ${inlineCode(model.formulaText)}${model.derivativeText ? ` · f′(x) = ${inlineCode(model.derivativeText)}` : ''}${symbols.length ? ` · with ${inlineCode(symbols.join(', '))}` : ''}`
    : undefined;
  const behaviour = sections.properties && model.properties && !fig.hasFacts ? behaviourLines(model.properties) : [];
  const vector = sections.properties && model.vector ? `*${escapeMarkdown(model.vector)}*` : undefined;
  let guidance: string | undefined;
  if (sections.guidance || (sections.properties && fig.hasFacts && model.properties)) {
    // A unit is at risk when f' is exactly 0 on a half-line that starts near the origin (ReLU), not in far
    // tails where a tanh approximation merely underflows.
    const halfLine = (z: readonly [number, number]): boolean => (z[0] === -Infinity && Math.abs(z[1]) <= 6) || (z[1] === Infinity && Math.abs(z[0]) <= 6);
    const risk = sections.properties && fig.hasFacts && model.properties?.deadZones.some(halfLine) ? '**Dead-neuron risk**' : '';
    const use = sections.guidance && model.use ? `**Use:** ${escapeMarkdown(model.use)}` : '';
    // Advice written for the hover (the catalog's `guidance.hover`): whole sentences, never cut.
    const advice = sections.guidance && model.advice ? `**${model.advice.label}:** ${escapeMarkdown(model.advice.text)}` : '';
    // The risk rides along only while the line fits; the advice of such entries speaks of dead units anyway.
    const withRisk = [use, risk, advice].filter(Boolean).join(' · ');
    guidance = (drawnLines(withRisk) > 1 ? [use, advice].filter(Boolean).join(' · ') : withRisk) || undefined;
  }
  let defaults: string | undefined;
  let note: string | undefined;
  if (sections.versions) {
    // One line: this line's variant first, then others while the line fits the hover's width.
    const items: string[] = [];
    for (const v of model.versions) {
      const item = `${v.current ? `**${escapeMarkdown(v.label)}** (this line)` : escapeMarkdown(v.label)} ${inlineCode(v.settings)}`;
      if (items.length && drawnLines(`**Defaults:** ${[...items, item].join(' · ')}`) > 1) break;
      items.push(item);
    }
    if (items.length) defaults = `**Defaults:** ${items.join(' · ')}`;
    if (model.note) note = escapeMarkdown(model.note);
  }
  const problems = model.problems.map((p) => `${icon('warning', options)}${escapeMarkdown(p)}`);
  // Which version the defaults assume rides on the links line, which is short.
  const assumed = sections.versions && model.assumed ? `*${escapeMarkdown(model.assumed)}*` : '';
  const links = [linksLine(model.plotArgs, model.docs, options), assumed].filter(Boolean).join(options.client === 'lsp' ? ' · ' : ' &nbsp;·&nbsp; ') || undefined;
  // Whole lines only: the links row always, then the rest by importance while VS Code's hover keeps its height
  // (other editors scroll their hovers, so they get every line).
  const present = (xs: readonly (string | undefined)[]): string[] => xs.filter((x): x is string => !!x);
  const order = present([formula, ...behaviour, vector, guidance, defaults, note, ...problems, links]);
  const lines = options.client === 'lsp' ? order : fitLines(header, fig.height, present([formula, links]), present([...problems, defaults, guidance, vector, ...behaviour, note]), order);
  return [header, fig.block, lines.join(BREAK), textTable(model.curve, options)].filter((s): s is string => !!s);
}

function renderInvalid(model: InvalidStringHover, options: HoverOptions): string[] {
  const lines = [escapeMarkdown(model.problem)];
  if (model.suggestions.length) {
    lines.push('**Write instead:**');
    for (const s of model.suggestions) lines.push(`• ${inlineCode(s.code)}${s.note ? `: ${escapeMarkdown(s.note)}` : ''}`);
  }
  const links = linksLine(undefined, model.docs, options);
  if (links) lines.push(links);
  return [`${icon('error', options)}**Invalid activation string** ${inlineCode(`'${clip(model.raw, 80)}'`)} · ${escapeMarkdown(model.where)}`, lines.join(BREAK)];
}

function renderCustom(model: CustomHover, options: HoverOptions): string[] {
  const header = `**${escapeMarkdown(clip(model.name, 80))}** · ${escapeMarkdown(model.where)}`;
  if (model.mathjs === undefined) {
    return [header, `*The body of this activation is beyond the formula translator: ${escapeMarkdown(model.unsupported ?? 'unknown construct')}.*`];
  }
  const params = Object.entries(model.params).map(([k, v]) => `${k} = ${fmt(v)}`);
  // Typeset like the catalog's formulas when the editor gave a renderer and the TeX is within its budgets; else
  // (command line, language server, too long, not renderable) the translated formula is written as text.
  const fig = figureBlock(model.curve, model.tex, model.derivativeTex, [], model.properties, model.curve?.description ?? '', options, true);
  const withParams = params.length ? `${inlineCode(params.join(', '))} (defaults as written)` : '';
  const lines = [fig.hasFormula ? (withParams ? `With ${withParams}` : '') : `f(x) = ${inlineCode(clip(model.mathjs, 200))}${withParams ? ` with ${withParams}` : ''}`].filter((l) => l);
  if (options.sections.properties && model.properties && !fig.hasFacts) lines.push(...behaviourLines(model.properties));
  lines.push(model.derivative === 'symbolic'
    ? '*Translated from the code; f′ is its symbolic derivative, the properties are computed numerically.*'
    : `*Translated from the code; ${escapeMarkdown(model.derivativeNote ?? 'f′ is computed numerically')}; the properties are computed numerically.*`);
  const links = linksLine(model.plotArgs, undefined, options);
  if (links) lines.push(links);
  return [header, fig.block, lines.join(BREAK), textTable(model.curve, options)].filter((s): s is string => !!s);
}

/** Markdown for a hover model. */
export function renderHover(model: HoverModel, options: HoverOptions): string {
  const blocks = model.kind === 'catalog' ? renderCatalog(model, options) : model.kind === 'invalid' ? renderInvalid(model, options) : renderCustom(model, options);
  return blocks.join('\n\n');
}

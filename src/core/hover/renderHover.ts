/**
 * Renders a hover model to Markdown. Every piece of text from user code goes through escapeMarkdown or
 * inlineCode; images are base64 data URIs; links are only our own commands.
 */
import { clip, escapeMarkdown, inlineCode } from './escape';
import { commandLink } from './commandLinks';
import { deadRiskText, fmt, rangeText, saturationText } from './format';
import { mathImage } from './mathImages';
import { plotImage } from './plotImage';
import type { CatalogHover, CustomHover, HoverModel, HoverOptions, InvalidStringHover, PlotCommandArgs } from './model';

const BREAK = '  \n';

function image(alt: string, uri: string): string {
  return `![${escapeMarkdown(clip(alt, 160))}](${uri})`;
}

function formulaBlock(model: CatalogHover, options: HoverOptions): string | undefined {
  if (!options.sections.formula) return undefined;
  const parts: string[] = [];
  const f = model.tex ? mathImage('f(x)', model.tex, options.theme) : undefined;
  const df = model.derivativeTex ? mathImage("f'(x)", model.derivativeTex, options.theme) : undefined;
  if (f) parts.push(image(`f(x) = ${model.formulaText ?? model.tex}`, f));
  else if (model.formulaText) parts.push(`f(x) = ${inlineCode(model.formulaText)}`);
  if (df) parts.push(image(`f'(x) = ${model.derivativeText ?? model.derivativeTex}`, df));
  else if (model.derivativeText) parts.push(`f′(x) = ${inlineCode(model.derivativeText)}`);
  if (parts.length === 0) return undefined;
  const symbols = model.symbols.length
    ? `${BREAK}with ${model.symbols.map((s) => `${escapeMarkdown(s.symbol)} = ${inlineCode(s.value)}`).join(', ')}`
    : '';
  return `${parts.join(' &nbsp; ')}${symbols}`;
}

function plotBlock(curve: CatalogHover['curve'], options: HoverOptions): string | undefined {
  if (!options.sections.plot || !curve) return undefined;
  return image(curve.description, plotImage(curve, options.theme, options.plotWidth));
}

function propertiesBlock(model: CatalogHover, options: HoverOptions): string | undefined {
  const p = model.properties;
  if (!options.sections.properties || !p) return undefined;
  const facts = [
    `range ${rangeText(p.range)}`,
    p.monotonic ? `monotonic (${p.monotonic})` : 'not monotonic',
    p.zeroCentred ? 'zero-centred' : 'not zero-centred',
    p.smooth ? 'smooth' : p.kinks.length ? `kink at x = ${p.kinks.map(fmt).join(', ')}` : 'not smooth',
  ];
  if (p.minimum) facts.push(`minimum ${fmt(p.minimum.value)} at x = ${fmt(p.minimum.at)}`);
  const lines = [`**Behaviour:** ${facts.join(' · ')}`];
  const saturation = saturationText(p.saturation);
  if (saturation) lines.push(`**Saturation:** ${saturation}`);
  lines.push(`**Gradient:** max |f′| ${fmt(p.maxGradient.value)}; ${deadRiskText(p)}`);
  if (model.vector) lines.push(`*${escapeMarkdown(model.vector)}*`);
  return lines.join(BREAK);
}

function guidanceBlock(model: CatalogHover, options: HoverOptions): string | undefined {
  if (!options.sections.guidance) return undefined;
  const lines: string[] = [];
  if (model.use) lines.push(`**Use:** ${escapeMarkdown(model.use)}`);
  for (const tip of model.tips.slice(0, 1)) lines.push(`**Tip:** ${escapeMarkdown(clip(tip, 220))}`);
  for (const pit of model.pitfalls.slice(0, 2)) lines.push(`**Pitfall:** ${escapeMarkdown(clip(pit, 220))}`);
  return lines.length ? lines.join(BREAK) : undefined;
}

function versionsBlock(model: CatalogHover, options: HoverOptions): string | undefined {
  const lines: string[] = [];
  if (options.sections.versions && model.versions.length > 1) {
    const items = model.versions.map((v) => `${v.current ? `**${escapeMarkdown(v.label)} (this line)**` : escapeMarkdown(v.label)}: ${inlineCode(v.settings)}`);
    lines.push(`**Versions:** ${items.join(' · ')}`);
  }
  if (options.sections.versions && model.assumed) lines.push(`*${escapeMarkdown(model.assumed)}*`);
  for (const p of model.problems) lines.push(`$(warning) ${escapeMarkdown(clip(p, 240))}`);
  if (options.sections.versions) for (const n of model.notes.slice(0, 2)) lines.push(escapeMarkdown(clip(n, 240)));
  return lines.length ? lines.join(BREAK) : undefined;
}

function linksBlock(args: PlotCommandArgs | undefined, docs: { label: string; url: string } | undefined, options: HoverOptions): string | undefined {
  if (!options.sections.links) return undefined;
  const links: string[] = [];
  if (args) {
    links.push(commandLink('$(graph) Plot', 'activationLens.showPlot', args, 'Open the plot panel on this activation'));
    links.push(commandLink('$(diff) Compare', 'activationLens.compare', args, 'Compare with another activation'));
  }
  if (docs) links.push(commandLink(`$(book) ${escapeMarkdown(docs.label)} docs`, 'activationLens.openDocs', { url: docs.url }, docs.url));
  return links.length ? links.join(' &nbsp;·&nbsp; ') : undefined;
}

function renderCatalog(model: CatalogHover, options: HoverOptions): string[] {
  const head = [`**${escapeMarkdown(model.title)}** · ${escapeMarkdown(model.where)} — ${escapeMarkdown(clip(model.summary, 160))}`];
  if (model.call) {
    const filled = model.filledDefaults.length ? ` *(defaults filled: ${model.filledDefaults.map(escapeMarkdown).join(', ')})*` : '';
    head.push(`${inlineCode(clip(model.call, 160))}${filled}`);
  }
  return [
    head.join(BREAK),
    formulaBlock(model, options),
    plotBlock(model.curve, options),
    propertiesBlock(model, options),
    guidanceBlock(model, options),
    versionsBlock(model, options),
    linksBlock(model.plotArgs, model.docs, options),
  ].filter((s): s is string => !!s);
}

function renderInvalid(model: InvalidStringHover, options: HoverOptions): string[] {
  const lines = [
    `$(error) **Invalid activation string** ${inlineCode(`'${clip(model.raw, 80)}'`)} · ${escapeMarkdown(model.where)}`,
    escapeMarkdown(model.problem),
  ];
  if (model.suggestions.length) {
    const items = model.suggestions.map((s) => `- ${inlineCode(s.code)}${s.note ? `: ${escapeMarkdown(s.note)}` : ''}`);
    lines.push(`**Write instead:**\n\n${items.join('\n')}`);
  }
  const links = linksBlock(undefined, model.docs, options);
  if (links) lines.push(links);
  return lines;
}

function renderCustom(model: CustomHover, options: HoverOptions): string[] {
  const lines = [`**${escapeMarkdown(clip(model.name, 80))}** · ${escapeMarkdown(model.where)}`];
  if (model.mathjs !== undefined) {
    const params = Object.entries(model.params).map(([k, v]) => `${k} = ${fmt(v)}`);
    lines.push(`f(x) = ${inlineCode(clip(model.mathjs, 200))}${params.length ? `${BREAK}with ${inlineCode(params.join(', '))} (defaults as written)` : ''}`);
    const plot = plotBlock(model.curve, options);
    if (plot) lines.push(plot);
    const p = model.properties;
    if (p && options.sections.properties) {
      lines.push(`**Behaviour:** range ${rangeText(p.range)} · ${p.monotonic ? `monotonic (${p.monotonic})` : 'not monotonic'} · ${p.zeroCentred ? 'zero-centred' : 'not zero-centred'}${BREAK}**Gradient:** ${deadRiskText(p)}`);
    }
    lines.push('*f′ and the properties are computed numerically from the translated body.*');
  } else {
    lines.push(`*The body of this activation is beyond the formula translator: ${escapeMarkdown(model.unsupported ?? 'unknown construct')}.*`);
  }
  const links = linksBlock(model.plotArgs, undefined, options);
  if (links) lines.push(links);
  return lines;
}

/** Markdown for a hover model. Blocks are separated by rules so the hover scans quickly. */
export function renderHover(model: HoverModel, options: HoverOptions): string {
  const blocks = model.kind === 'catalog' ? renderCatalog(model, options) : model.kind === 'invalid' ? renderInvalid(model, options) : renderCustom(model, options);
  return blocks.join('\n\n');
}

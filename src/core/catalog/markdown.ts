/** Markdown documentation of one activation (used by `activation-lens explain`). */
import { computeProperties } from './properties';
import { inKerasRange, LATEST_KERAS } from './keras';
import { requireActivation, resolveParams } from './params';
import type { ActivationEntry, ActivationProperties, Framework, ParamValue, Variant } from './types';

const FRAMEWORK_TITLE: Readonly<Record<Framework, string>> = { torch: 'PyTorch', keras: 'Keras', tf: 'TensorFlow (tf.nn)' };

/** A number for people: 4 significant digits, ∞ for infinities. */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (n === 0) return '0';
  const s = Math.abs(n) >= 1e5 || Math.abs(n) < 1e-4 ? n.toExponential(3) : String(Number(n.toPrecision(4)));
  return s.replace('-', '−');
}

/** A Python literal for a parameter value (`None`, `True`, `'tanh'`). */
export function pythonLiteral(v: ParamValue | undefined): string {
  if (v === undefined) return '(required)';
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(v);
  return `[${v.map(pythonLiteral).join(', ')}]`;
}

function rangeText(p: ActivationProperties): string {
  const { min, max, minIncluded, maxIncluded } = p.range;
  return `${minIncluded ? '[' : '('}${formatNumber(min)}, ${formatNumber(max)}${maxIncluded ? ']' : ')'}`;
}

/** Property bullet list (computed numerically). */
function propertiesMarkdown(p: ActivationProperties): string[] {
  const sat = (s: { below?: number; above?: number }): string =>
    [s.below !== undefined ? `x < ${formatNumber(s.below)}` : '', s.above !== undefined ? `x > ${formatNumber(s.above)}` : ''].filter(Boolean).join(' and ') || 'nowhere';
  const lines = [
    `- Range: ${rangeText(p)}`,
    `- Monotonic: ${p.monotonic ? `yes (${p.monotonic})` : 'no'}`,
    `- Zero-centred (odd): ${p.zeroCentred ? 'yes' : 'no'}`,
    `- Smooth: ${p.smooth ? 'yes' : `no (${[...p.kinks.map((k) => `kink at ${formatNumber(k)}`), ...p.discontinuities.map((d) => `jump at ${formatNumber(d)}`)].join(', ')})`}`,
  ];
  if (p.minimum) lines.push(`- Minimum: ${formatNumber(p.minimum.value)} at x = ${formatNumber(p.minimum.at)}`);
  lines.push(`- Largest |f'|: ${formatNumber(p.maxGradient.value)}${Number.isFinite(p.maxGradient.at) ? ` at x = ${formatNumber(p.maxGradient.at)}` : p.maxGradient.at > 0 ? ' as x → ∞' : ' as x → −∞'}`);
  if (Number.isFinite(p.maxGradient.value)) {
    lines.push(`- |f'| below 10% of its peak: ${sat(p.saturation.tenPercent)}; below 1%: ${sat(p.saturation.onePercent)}`);
  }
  lines.push(`- Dead zones (f' = 0): ${p.deadZones.length ? p.deadZones.map(([a, b]) => `${Number.isFinite(a) ? '[' : '('}${formatNumber(a)}, ${formatNumber(b)}${Number.isFinite(b) ? ']' : ')'}`).join(', ') : 'none'}`);
  return lines;
}

function variantTitle(v: Variant): string {
  const forms = v.forms ? ` (${v.forms.join(', ')})` : '';
  if (v.framework !== 'keras' || !v.keras) return `${FRAMEWORK_TITLE[v.framework]}${forms}`;
  const from = v.keras.from ?? '';
  const label = from.startsWith('2') ? `tf.keras ${from === '2.0' ? '2.x' : `${from}+`}` : `Keras ${from}+`;
  return `${label}${forms}`;
}

function variantMarkdown(v: Variant): string[] {
  const out = [`### ${variantTitle(v)}`];
  const names = v.apis.map((a) => `\`${a.qualified}${a.kind === 'layer' ? '(...)' : ''}\`${a.deprecated ? ' (deprecated)' : ''}`);
  if (names.length) out.push(`- Names: ${names.join(', ')}`);
  if (v.strings?.length) out.push(`- \`activation=\` strings: ${v.strings.map((s) => `\`'${s}'\``).join(', ')}`);
  const params = v.params.filter((p) => !p.plotOnly);
  out.push(params.length ? `- Parameters: ${params.map((p) => `\`${p.name}=${pythonLiteral(p.default)}\`${p.deprecatedAliases ? ` (also \`${p.deprecatedAliases.join('`, `')}\`, deprecated)` : ''}`).join(', ')}` : '- Parameters: none');
  for (const p of params) out.push(`  - \`${p.name}\`: ${p.doc}`);
  for (const n of v.notes ?? []) out.push(`- Note: ${n}`);
  for (const a of v.apis) if (a.deprecated) out.push(`- Note: ${a.deprecated}`);
  out.push(`- Source: ${v.source}`);
  return out;
}

interface ExplainOptions {
  readonly framework?: Framework;
  readonly kerasVersion?: string | number;
}

/** Whole Markdown page for an activation; limited to one framework when given. Throws CatalogError for unknown names. */
export function explainMarkdown(name: string, opts: ExplainOptions = {}): string {
  const entry: ActivationEntry = requireActivation(name);
  const framework = opts.framework ?? entry.variants[0]?.framework ?? 'torch';
  const resolved = resolveParams(entry.name, framework, {}, opts.kerasVersion);
  const formula = entry.formulas[resolved.formula] ?? entry.formulas.default;
  const props = computeProperties(entry.name, framework, {}, opts.kerasVersion);
  const lines: string[] = [`# ${entry.title} (\`${entry.name}\`)`, '', entry.summary, ''];
  if (entry.aliases.length) lines.push(`Also known as: ${entry.aliases.map((a) => `\`${a}\``).join(', ')}`, '');
  if (entry.vector) lines.push(`**Vector activation.** ${entry.vector.description} Plots and properties below: ${entry.vector.along}.`, '');
  lines.push('## Formula', '', `$$${formula?.tex ?? ''}$$`, '', '## Derivative', '', `$$${formula?.derivativeTex ?? ''}$$`, '');
  const shown = Object.entries(resolved.params).filter(([k]) => resolved.variant.params.some((p) => p.name === k && p.math));
  lines.push(`## Properties (${FRAMEWORK_TITLE[framework]}${shown.length ? `, ${shown.map(([k, v]) => `${k}=${pythonLiteral(v)}`).join(', ')}` : ', default parameters'})`, '', ...propertiesMarkdown(props), '');
  lines.push('## Names, parameters and defaults', '');
  const variants = entry.variants.filter((v) => !opts.framework || v.framework === opts.framework)
    .filter((v) => opts.kerasVersion === undefined || v.framework !== 'keras' || inKerasRange(v.keras, opts.kerasVersion));
  for (const v of variants) lines.push(...variantMarkdown(v), '');
  if (!variants.length) lines.push(`Not available in ${FRAMEWORK_TITLE[framework]}.`, '');
  const g = entry.guidance;
  lines.push('## Where it belongs', '', `- Hidden layers: ${g.hidden ? 'yes' : 'not usually'}`, `- Output layers: ${g.outputs.length ? g.outputs.join(', ') : 'not usually'}`);
  for (const t of g.tips) lines.push(`- ${t}`);
  lines.push('');
  if (g.pitfalls.length) lines.push('## Pitfalls', '', ...g.pitfalls.map((p) => `- ${p}`), '');
  if (g.qa.length) lines.push('## Questions people ask', '', ...g.qa.flatMap((q) => [`**${q.q}**`, '', q.a, '']));
  const docs = Object.entries(entry.docs).filter(([fw]) => !opts.framework || fw === opts.framework || (opts.framework === 'keras' && fw === 'keras2'));
  if (docs.length) {
    const label = (fw: string): string => (fw === 'keras2' ? `tf.keras ${LATEST_KERAS[2]}` : FRAMEWORK_TITLE[fw as Framework]);
    lines.push('## Documentation', '', ...docs.map(([fw, url]) => `- [${label(fw)}](${url})`), '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** Hovers for activation strings a framework rejects: what is wrong, and what to write instead. */
import { userText } from './escape';
import { distance } from 'fastest-levenshtein';
import { inKerasRange, type Variant } from '../catalog';
import type { Usage } from '../scan/types';
import type { CatalogPort } from './catalogPort';
import type { HoverOptions, InvalidStringHover } from './model';
import { pyValue } from './versions';

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function defaultsText(v: Variant): string {
  return v.params.filter((p) => p.math && !p.plotOnly).map((p) => `${p.name}=${pyValue(p.default)}`).join(', ');
}

/** Builds the hover for a string usage marked invalid by the scanner. */
export function buildInvalidModel(usage: Usage, port: CatalogPort, options: HoverOptions): InvalidStringHover {
  const raw = usage.raw ?? usage.name;
  const consumer = usage.qualified ? usage.qualified.split('.').pop() : undefined;
  const where = `${usage.framework === 'torch' ? 'PyTorch' : usage.framework === 'tf' ? 'TensorFlow' : 'Keras'} string${consumer ? ` in ${consumer}` : ''}`;
  if (usage.framework === 'torch') {
    const options2 = ['relu', 'gelu'].sort((a, b) => distance(normalise(raw), a) - distance(normalise(raw), b));
    return {
      kind: 'invalid', raw: userText(raw, 80), where,
      problem: `PyTorch transformer layers accept only 'relu' or 'gelu' as a string; anything else raises RuntimeError("activation should be relu/gelu, not ${userText(raw, 40)}"). Pass a callable for other activations.`,
      suggestions: [...options2.map((s) => ({ code: `activation='${s}'` })), { code: 'activation=F.silu', note: 'any callable works' }],
    };
  }
  const major = usage.qualified && /^tf_keras\b/.test(usage.qualified) ? 2 : options.kerasMajor;
  const version = String(major);
  const valid: { text: string; variant: Variant; entry: string }[] = [];
  const otherVersion: { text: string; variant: Variant; entry: string }[] = [];
  for (const entry of port.entries()) {
    for (const v of entry.variants) {
      if (v.framework !== 'keras') continue;
      for (const s of v.strings ?? []) (inKerasRange(v.keras, version) ? valid : otherVersion).push({ text: s, variant: v, entry: entry.name });
    }
  }
  const problems: string[] = [];
  const suggestions: { code: string; note?: string }[] = [];
  if (raw !== raw.trim()) problems.push('It has spaces around it, which Keras does not strip.');
  const elsewhere = otherVersion.find((o) => o.text === raw.trim());
  const key = normalise(raw);
  const ranked = [...new Map(valid.map((v) => [v.text, v])).values()]
    .map((v) => ({ ...v, d: normalise(v.text) === key ? 0 : distance(normalise(v.text), key) }))
    .filter((v) => v.d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d || a.text.localeCompare(b.text))
    .slice(0, 2);
  if (elsewhere) {
    const label = elsewhere.variant.keras?.from?.startsWith('2') ? 'tf.keras 2' : `Keras ${elsewhere.variant.keras?.from ?? ''}+`;
    const layer = elsewhere.variant.apis.find((a) => a.kind === 'layer');
    problems.push(`Keras ${major} does not accept it: ${label} did${layer ? `, as the ${layer.qualified.split('.').pop()} layer` : ''}${defaultsText(elsewhere.variant) ? ` with ${defaultsText(elsewhere.variant)}` : ''}.`);
    for (const r of ranked) {
      const before = defaultsText(elsewhere.variant);
      const after = defaultsText(r.variant);
      suggestions.push({ code: `activation='${r.text}'`, note: before && after && before !== after ? `defaults change from ${before} to ${after}` : undefined });
    }
    const sameEntryLayer = port.get(elsewhere.entry)?.variants.find((v) => v.framework === 'keras' && inKerasRange(v.keras, version) && v.apis.some((a) => a.kind === 'layer'));
    const layerApi = sameEntryLayer?.apis.find((a) => a.kind === 'layer');
    if (sameEntryLayer && layerApi) {
      const kept = elsewhere.variant.params.filter((p) => p.math).map((p) => {
        const target = sameEntryLayer.params.find((q) => q.math === p.math);
        return target ? `${target.name}=${pyValue(p.default)}` : '';
      }).filter(Boolean).join(', ');
      suggestions.push({ code: `layers.${layerApi.qualified.split('.').pop()}(${kept})`, note: 'as a separate layer after this one (drop activation=), keeping the old behaviour' });
    }
  } else {
    problems.push(`Keras ${major} does not know this activation string; Keras raises ValueError when the layer is built.${ranked.some((r) => normalise(r.text) === key && r.text !== raw) ? ' Activation strings are case-sensitive.' : ''}`);
    for (const r of ranked) suggestions.push({ code: `activation='${r.text}'` });
  }
  const entry = ranked[0] ? port.get(ranked[0].entry) : undefined;
  const url = entry?.docs[major === 2 ? 'keras2' : 'keras'] ?? entry?.docs.keras;
  return { kind: 'invalid', raw: userText(raw, 80), where, problem: problems.join(' '), suggestions, docs: url ? { label: major === 2 ? 'tf.keras' : 'Keras', url } : undefined };
}

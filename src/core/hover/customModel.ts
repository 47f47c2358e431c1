/** Hovers for user-defined activations: the body as a mathjs formula and its curve, or one honest line. */
import { propertiesOf } from '../catalog';
import { translateDefinition } from '../custom/definition';
import type { Usage } from '../scan/types';
import type { CustomHover } from './model';
import { userText } from './escape';
import { fmt } from './format';
import { zonesOf } from '../plot/zones';

/** Central difference: custom bodies have no symbolic derivative here, and the curve only needs its shape. */
function numericDerivative(f: (x: number) => number): (x: number) => number {
  const h = 1e-4;
  return (x) => (f(x + h) - f(x - h)) / (2 * h);
}

/** Builds the model for a `custom` usage; `source` is the text its `definitionStart` indexes. */
export function buildCustomModel(usage: Usage, source: string | undefined): CustomHover {
  const where = `user-defined activation (${usage.framework === 'torch' ? 'PyTorch' : usage.framework === 'tf' ? 'TensorFlow' : 'Keras'})`;
  if (source === undefined || usage.definitionStart === undefined) {
    return { kind: 'custom', name: userText(usage.name, 80), where, params: {}, unsupported: userText('its definition is not in this file') };
  }
  const t = translateDefinition(source, usage.definitionStart);
  if (!t.ok) return { kind: 'custom', name: userText(usage.name, 80), where, params: {}, unsupported: userText(t.reason, 200) };
  const paramsText = Object.entries(t.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  const df = numericDerivative(t.evaluate);
  let properties;
  try {
    properties = propertiesOf(t.evaluate, df);
  } catch {
    properties = undefined;
  }
  return {
    kind: 'custom',
    name: userText(usage.name, 80),
    where,
    mathjs: userText(t.mathjs, 200),
    params: t.params,
    properties,
    curve: {
      f: t.evaluate,
      df,
      range: [-5, 5],
      zones: zonesOf(properties),
      description: `Plot of ${usage.name}(x) = ${t.mathjs}${paramsText ? ` with ${paramsText}` : ''} (solid) and its numerical derivative (dashed) on [-5, 5]`,
      cacheKey: `custom|${usage.name}|${t.mathjs}|${paramsText}`,
    },
    plotArgs: { name: usage.name, framework: usage.framework, params: t.params, formula: t.mathjs },
  };
}

/** Hovers for user-defined activations: the body as a mathjs formula and its curve, or one honest line. */
import { propertiesOf } from '../catalog';
import { translateDefinition } from '../custom/definition';
import { compileUserFormula } from '../maths';
import type { Usage } from '../scan/types';
import type { CustomHover } from './model';
import { userText } from './escape';
import { fmt } from './format';
import { zonesOf } from '../plot/zones';

/** Central difference, when the translated formula has no bounded symbolic derivative. */
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
  // The symbolic derivative goes through the same bounded path as typed formulas; past its bounds (or where mathjs
  // cannot differentiate, e.g. a conditional) the curve uses a central difference, and the hover says which.
  const compiled = compileUserFormula(t.mathjs, t.params);
  const symbolic = !('error' in compiled) && compiled.dfSource === 'symbolic';
  const df = symbolic ? compiled.df : numericDerivative(t.evaluate);
  const derivativeNote = symbolic ? undefined : 'error' in compiled ? `f′ is computed numerically (${compiled.error})` : compiled.dfNote ?? 'f′ is computed numerically';
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
    ...('error' in compiled ? {} : { tex: compiled.tex, ...(symbolic && compiled.derivativeTex ? { derivativeTex: compiled.derivativeTex } : {}) }),
    derivative: symbolic ? 'symbolic' : 'numeric',
    ...(derivativeNote ? { derivativeNote: userText(derivativeNote, 200) } : {}),
    params: t.params,
    properties,
    curve: {
      f: t.evaluate,
      df,
      range: [-5, 5],
      zones: zonesOf(properties),
      description: `Plot of ${usage.name}(x) = ${t.mathjs}${paramsText ? ` with ${paramsText}` : ''} (solid) and its ${symbolic ? 'symbolic' : 'numerical'} derivative (dashed) on [-5, 5]`,
      cacheKey: `custom|${usage.name}|${t.mathjs}|${paramsText}`,
    },
    plotArgs: { name: usage.name, framework: usage.framework, params: t.params, formula: t.mathjs },
  };
}

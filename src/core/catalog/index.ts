/**
 * The activation catalog: every activation of PyTorch, Keras (3 and tf.keras 2) and tf.nn, with names,
 * parameters and defaults per framework and version, formulas (mathjs and TeX), derivatives, computed
 * properties and guidance. Plain data in, plain data out; no editor APIs.
 *
 * Typical use:
 *   const r = resolveParams('leaky_relu', 'keras', {}, '3', { form: 'layer' });   // r.params.negative_slope === 0.3
 *   const { f, df } = compileActivation('gelu', 'torch', { approximate: 'tanh' });
 *   const p = computeProperties('gelu', 'torch');                                 // p.minimum ~ { value: -0.170, at: -0.752 }
 */
import './names'; // registers close-name suggestions for CatalogError

export type { ActivationEntry, ActivationProperties, ApiInfo, ApiName, CallForm, CompiledActivation, Formula, Framework, KerasRange, MathValue, OutputUse, ParamSpec, ParamValue, ResolvedParams, Variant, VectorView } from './types';
export { getActivation, listActivations, normaliseName } from './registry';
export { CatalogError, resolveParams, variantsFor, type UsageContext } from './params';
export { compileActivation, compileResolved, derivativeExpr, linspace, sample, type Samples } from './compile';
export { computeProperties, propertiesOf } from './properties';
export { LATEST_KERAS, inKerasRange, isValidKerasString, kerasStringTarget, parseKerasVersion, validKerasStrings } from './keras';
export { closestNames, findActivation } from './names';
export { allQualifiedNames, lookupApi, normaliseQualified } from './apiNames';
export { explainMarkdown, pythonLiteral } from './markdown';

// The catalog against real PyTorch: f and autograd f' in float64 from scripts/reference/gen_torch_reference.py.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileActivation, computeProperties, listActivations, resolveParams, variantsFor, type ParamValue } from '../../../src/core/catalog';
import reference from '../../fixtures/reference/torch-activations.json';

interface Case { name: string; api: string; params: Record<string, ParamValue>; x: number[]; y: (number | string)[]; dy: (number | string)[] }
interface SigParam { name: string; default?: ParamValue }
const cases = reference.cases as Case[];
const signatures = reference.signatures as Record<string, SigParam[] | null>;

const REL = 1e-6;
const ABS = 1e-9;
const decode = (v: number | string): number => (typeof v === 'number' ? v : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : NaN);
function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= ABS + REL * Math.abs(expected);
}

describe('catalog matches PyTorch ' + reference.torch + ' (float64, autograd)', () => {
  for (const c of cases) {
    it(`${c.name} via ${c.api} ${JSON.stringify(c.params)}: f and f' on ${c.x.length} points`, () => {
      const compiled = compileActivation(c.name, 'torch', c.params, undefined, { qualified: c.api });
      assert.deepEqual(compiled.resolved.errors, []);
      // f' is undefined exactly at a kink or jump; PyTorch picks a one-sided value there, so those points are skipped.
      const props = computeProperties(c.name, 'torch', c.params, undefined, { qualified: c.api });
      const singular = [...props.kinks, ...props.discontinuities];
      const bad: string[] = [];
      c.x.forEach((x, i) => {
        const y = decode(c.y[i] as number | string);
        const dy = decode(c.dy[i] as number | string);
        if (!close(compiled.f(x), y)) bad.push(`f(${x}) = ${compiled.f(x)}, torch ${y}`);
        const atKink = singular.some((k) => Math.abs(x - k) <= 1e-12 * Math.max(1, Math.abs(k)));
        if (!atKink && !close(compiled.df(x), dy)) bad.push(`f'(${x}) = ${compiled.df(x)}, torch ${dy}`);
      });
      assert.deepEqual(bad.slice(0, 8), [], `${bad.length} mismatches`);
    });
  }

  it('has a reference case for every catalog entry PyTorch provides', () => {
    const covered = new Set(cases.map((c) => c.name));
    const missing = listActivations().filter((e) => variantsFor(e, 'torch').length > 0 && !covered.has(e.name)).map((e) => e.name);
    assert.deepEqual(missing, []);
  });

  it('covers non-default parameters for every entry whose PyTorch form takes numeric parameters', () => {
    const withNonDefault = new Set(cases.filter((c) => Object.keys(c.params).some((k) => k !== 'logits' && k !== 'a')).map((c) => c.name));
    const needs = listActivations().filter((e) => variantsFor(e, 'torch').some((v) => v.params.some((p) => p.math && !p.plotOnly)));
    assert.deepEqual(needs.map((e) => e.name).filter((n) => !withNonDefault.has(n)), []);
  });
});

describe('PyTorch signatures (inspect.signature in the generator) match the catalog', () => {
  const torchApis = listActivations().flatMap((e) => variantsFor(e, 'torch').flatMap((v) => v.apis.map((api) => ({ entry: e, variant: v, api }))));
  for (const { entry, variant, api } of torchApis) {
    const sig = signatures[api.qualified];
    if (!sig) continue; // builtins without a Python signature, tensor methods, torch.* functions
    it(`${api.qualified}: positional names and defaults`, () => {
      assert.deepEqual(api.positional, sig.map((p) => p.name), 'positional parameter names in order');
      for (const p of sig) {
        if (!('default' in p)) continue;
        const spec = variant.params.find((s) => s.name === p.name);
        if (!spec) continue; // e.g. F.softmax's _stacklevel: accepted positionally, not a user parameter
        assert.deepEqual(spec.default, p.default, `${entry.name}: default of ${p.name}`);
      }
      for (const spec of variant.params) {
        if (spec.plotOnly) continue;
        assert.ok(sig.some((p) => p.name === spec.name) || spec.name === 'weight', `${spec.name} is a real parameter of ${api.qualified}`);
      }
    });
  }

  it('resolves LeakyReLU to 0.01 as PyTorch does', () => {
    assert.equal(resolveParams('leaky_relu', 'torch', {}).params.negative_slope, 0.01);
    assert.equal(signatures['torch.nn.LeakyReLU']?.find((p) => p.name === 'negative_slope')?.default, 0.01);
  });
});

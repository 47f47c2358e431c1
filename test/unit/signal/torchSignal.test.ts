// The signal prediction against real PyTorch: per-layer std and gradient ratios measured by
// scripts/reference/gen_signal_reference.py (npm run reference:signal), never re-run here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predictSignal, type SignalLayer } from '../../../src/core/signal';
import reference from '../../fixtures/reference/torch-signal.json';
import { layersFromSpec, type ModelSpec } from './specLayers';

const models = reference.models as unknown as ModelSpec[];

/** Ratio error: max(a/b, b/a), so 1.2 means 20% off in either direction. */
const factor = (a: number, b: number): number => Math.max(a / b, b / a);
const STD_FACTOR = 1.25;
const GRAD_FACTOR = 1.5;
const MIN_WIDTH = 128;

export interface Comparison { spec: ModelSpec; worstStd: number; firstGrad: number; worstGrad: number }

export function compare(spec: ModelSpec): Comparison {
  const layers: SignalLayer[] = layersFromSpec(spec);
  const p = predictSignal(layers, undefined, spec.input.spatial ? [spec.input.spatial, spec.input.spatial] : undefined);
  assert.equal(p.stopped, undefined, `${spec.name}: prediction stopped: ${p.stopped?.reason}`);
  assert.equal(p.layers.length, spec.measured.length);
  let worstStd = 1;
  let worstGrad = 1;
  p.layers.forEach((l, i) => {
    worstStd = Math.max(worstStd, factor(l.std, spec.measured[i].std));
    worstGrad = Math.max(worstGrad, factor(l.grad as number, spec.measured[i].grad));
  });
  return { spec, worstStd, firstGrad: factor(p.firstGrad as number, spec.measured[0].grad), worstGrad };
}

describe(`signal prediction matches PyTorch ${reference.torch} at initialisation (${models.length} models)`, () => {
  it('the fixture covers MLPs and CNNs, depth 2 to 50, widths 64 to 1024, at least 30 models', () => {
    assert.ok(models.length >= 30);
    assert.ok(models.some((m) => m.kind === 'cnn') && models.some((m) => m.kind === 'mlp'));
    assert.equal(Math.min(...models.map((m) => m.depth)), 2);
    assert.equal(Math.max(...models.map((m) => m.depth)), 50);
    assert.equal(Math.min(...models.map((m) => m.width)), 64);
    assert.equal(Math.max(...models.map((m) => m.width)), 1024);
  });

  // The bounds for every model of width 128 and more, with no exceptions.
  for (const spec of models) {
    if (spec.width < MIN_WIDTH) continue;
    it(`${spec.name}: every layer's std within ${STD_FACTOR}x, first-layer gradient ratio within ${GRAD_FACTOR}x`, () => {
      const c = compare(spec);
      assert.ok(c.worstStd <= STD_FACTOR, `${spec.name}: std off by ${c.worstStd.toFixed(3)}x`);
      assert.ok(c.firstGrad <= GRAD_FACTOR, `${spec.name}: first-layer gradient off by ${c.firstGrad.toFixed(3)}x`);
    });
  }

  it('narrow models (width 64) still predict the right order of magnitude', () => {
    for (const spec of models.filter((m) => m.width < MIN_WIDTH)) {
      const c = compare(spec);
      assert.ok(c.worstStd < 2 && c.firstGrad < 10, `${spec.name}: std ${c.worstStd}, grad ${c.firstGrad}`);
    }
  });

  if (process.env.SIGNAL_REPORT) {
    it('report', () => {
      const rows = models.map(compare);
      const group = (key: (c: Comparison) => string): void => {
        const groups = new Map<string, Comparison[]>();
        for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
        for (const [k, g] of [...groups].sort()) {
          const med = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
          const pct = (x: number): string => `${((x - 1) * 100).toFixed(1)}%`;
          console.log(`${k.padEnd(14)} n=${String(g.length).padStart(2)}  std worst ${pct(Math.max(...g.map((r) => r.worstStd)))} median ${pct(med(g.map((r) => r.worstStd)))}`
            + `  first grad worst ${pct(Math.max(...g.map((r) => r.firstGrad)))} median ${pct(med(g.map((r) => r.firstGrad)))}`);
        }
      };
      for (const r of rows) console.log(`${r.spec.name.padEnd(42)} std ${r.worstStd.toFixed(3)} grad1 ${r.firstGrad.toFixed(3)} gradAll ${r.worstGrad.toFixed(3)}`);
      group((r) => r.spec.family);
      group((r) => (r.spec.depth <= 5 ? 'depth 2-5' : r.spec.depth <= 10 ? 'depth 6-10' : r.spec.depth <= 20 ? 'depth 11-20' : 'depth 21-50'));
    });
  }
});

// The panel's host side without VS Code: curves from the catalog, sampling, zones and statistics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFormula } from '../../../src/core/panel/formula';
import { gaussianMean, outputStats } from '../../../src/core/panel/sampler';
import { findZones } from '../../../src/core/plot/zones';
import { PlotSession } from '../../../src/core/panel/session';
import { gridOf, type ToWebview } from '../../../src/shared/protocol';
import { createTexToSvg } from '../../../src/extension/tex/mathjax';
import { isInertSvg, type TexPort, type TexRenderer } from '../../../src/core/hover/userMath';

function session(): { s: PlotSession; sent: ToWebview[] } {
  const sent: ToWebview[] = [];
  return { s: new PlotSession((m) => sent.push(m), { compileFormula }), sent };
}

describe('PlotSession', () => {
  it('plots a catalog activation with the code’s parameters and the framework default marked', () => {
    const { s } = session();
    assert.deepEqual(s.setSources([{ kind: 'activation', name: 'leaky_relu', framework: 'keras', params: {}, form: 'layer' }]), []);
    const m = s.plotMessage();
    assert.equal(m.type, 'plot');
    if (m.type !== 'plot') return;
    const slope = m.curves[0].params.find((p) => p.name === 'negative_slope');
    assert.equal(slope?.default, 0.3, 'Keras LeakyReLU layer default');
    const xs = gridOf(m.range);
    const i = xs.findIndex((x) => x > -2);
    assert.ok(Math.abs((m.data[0].ys[i] as number) - 0.3 * xs[i]) < 1e-6);
  });

  it('resamples one curve when a parameter changes, answering with the request’s sequence number', () => {
    const { s, sent } = session();
    s.setSources([{ kind: 'activation', name: 'leaky_relu', framework: 'torch', params: {} }]);
    const id = (s.plotMessage() as Extract<ToWebview, { type: 'plot' }>).curves[0].id;
    assert.equal(s.handle({ type: 'setParams', seq: 7, curveId: id, values: { negative_slope: 0.5, bogus: 3 } }), true);
    const reply = sent.at(-1);
    assert.ok(reply && reply.type === 'samples');
    assert.equal(reply.seq, 7);
    assert.deepEqual(reply.data[0].values, { negative_slope: 0.5 }, 'unknown parameters dropped');
    assert.equal(reply.data[0].ys[0], 0.5 * reply.range.min);
  });

  it('reports a formula error without adding a curve, and adds a good formula', () => {
    const { s, sent } = session();
    s.setSources([]);
    assert.equal(s.addFormula('createUnit("bad")'), false);
    assert.equal(sent.at(-1)?.type, 'formulaError');
    assert.equal(s.curveCount, 0);
    assert.equal(s.addFormula('x^2'), true);
    assert.equal(s.curveCount, 1);
  });

  it('skips sources the catalog does not know and says why', () => {
    const { s } = session();
    const problems = s.setSources([{ kind: 'activation', name: 'not_an_activation', framework: 'torch', params: {} }, { kind: 'activation', name: 'relu', framework: 'torch', params: {} }]);
    assert.equal(problems.length, 1);
    assert.equal(s.curveCount, 1);
  });

  it('analyses output statistics: ReLU’s mean is 1/sqrt(2π) at σ = 1, SELU keeps mean 0 and variance 1', () => {
    const { s } = session();
    s.setSources([{ kind: 'activation', name: 'relu', framework: 'torch', params: {} }, { kind: 'activation', name: 'selu', framework: 'torch', params: {} }]);
    const [relu, selu] = s.analysis();
    assert.ok(Math.abs((relu.mean as number) - 1 / Math.sqrt(2 * Math.PI)) < 1e-6);
    assert.ok(Math.abs((relu.meanAbsGrad as number) - 0.5) < 1e-6, 'E|relu′| = 1/2');
    assert.ok(Math.abs(selu.mean as number) < 1e-5);
    assert.ok(Math.abs((selu.variance as number) - 1) < 1e-4);
  });

  it('typesets a formula curve once the math renderer loads, and never loads it for catalog curves', async () => {
    const mathjax = createTexToSvg();
    let loads = 0;
    let renderer: TexRenderer | undefined;
    const tex: TexPort = { get renderer() { return renderer; }, load: async () => { loads++; renderer = mathjax; return renderer; } };
    const sent: ToWebview[] = [];
    const s = new PlotSession((m) => sent.push(m), { compileFormula, tex });
    s.setSources([{ kind: 'activation', name: 'relu', framework: 'torch', params: {} }]);
    assert.equal(loads, 0, 'a catalog curve needs no renderer');
    assert.equal((s.plotMessage() as Extract<ToWebview, { type: 'plot' }>).curves[0].typeset, undefined);
    assert.ok(s.addFormula('x * tanh(log(1 + exp(x)))'));
    const first = sent.filter((m) => m.type === 'plot').at(-1) as Extract<ToWebview, { type: 'plot' }>;
    assert.equal(first.curves[1].typeset, undefined, 'text until the renderer is there');
    assert.equal(loads, 1);
    await new Promise((r) => setTimeout(r, 0));
    const again = sent.filter((m) => m.type === 'plot').at(-1) as Extract<ToWebview, { type: 'plot' }>;
    const typeset = again.curves[1].typeset;
    assert.ok(typeset && isInertSvg(typeset.f) && typeset.df && isInertSvg(typeset.df), 'f and f′ typeset, inert');
    assert.match(typeset.f, /TEX-I-1D453/);
    assert.match(typeset.df ?? '', /2032/, 'the prime of f′');
    assert.equal(again.curves[0].typeset, undefined);
  });
});

describe('sampler', () => {
  it('finds ReLU’s dead zone and sigmoid’s saturated tails, and calls tanh’s underflow saturation', () => {
    const xs = gridOf({ min: -20, max: 20, n: 401 });
    assert.deepEqual(findZones(xs, xs.map((x) => (x > 0 ? 1 : 0))).map((z) => z.kind), ['dead']);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    assert.deepEqual(findZones(xs, xs.map((x) => sig(x) * (1 - sig(x)))).map((z) => z.kind), ['saturated', 'saturated']);
    assert.deepEqual(findZones(xs, xs.map((x) => 1 - Math.tanh(x) ** 2)).map((z) => z.kind), ['saturated', 'saturated']);
  });

  it('integrates against N(0, σ²) accurately', () => {
    assert.ok(Math.abs((gaussianMean((x) => x * x, 2) as number) - 4) < 1e-9);
    const st = outputStats({ f: (x) => x, df: () => 1 }, 3);
    assert.ok(Math.abs(st.mean as number) < 1e-12);
    assert.ok(Math.abs((st.variance as number) - 9) < 1e-8);
  });
});

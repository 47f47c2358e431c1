// The plot panel's message validation: what the webview sends is untrusted input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFromWebview, parsePanelState } from '../../../src/shared/protocol';

describe('parseFromWebview', () => {
  it('accepts every well-formed message type', () => {
    const good = [
      { type: 'ready' },
      { type: 'setParams', seq: 3, curveId: 'c1', values: { negative_slope: 0.2 } },
      { type: 'setRange', seq: 4, min: -10, max: 10 },
      { type: 'setAnalysis', sigma: 1.5, x0: -0.5 },
      { type: 'addFormula', text: 'x * tanh(x)' },
      { type: 'removeCurve', curveId: 'c2' },
      { type: 'plotUsage', uri: 'file:///a.py', line: 3, col: 4 },
      { type: 'revealUsage', uri: 'file:///a.py', line: 3, col: 4 },
      { type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    ];
    for (const m of good) assert.deepEqual(parseFromWebview(m), m, JSON.stringify(m));
  });

  it('rejects unknown types, wrong field types, non-finite numbers and oversized input', () => {
    const bad: unknown[] = [
      null, 'ready', [], { type: 'eval', code: '1' }, { type: 'setParams', seq: 1, curveId: 'c1', values: { a: Infinity } },
      { type: 'setParams', seq: 1, curveId: 'c1', values: { 'a-b': 1 } }, { type: 'setParams', seq: -1, curveId: 'c1', values: {} },
      { type: 'setParams', seq: 1, curveId: 'c1', values: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, i])) },
      { type: 'setRange', seq: 1, min: 5, max: 5 }, { type: 'setRange', seq: 1, min: -1e9, max: 0 },
      { type: 'setAnalysis', sigma: 0, x0: 0 }, { type: 'setAnalysis', sigma: NaN, x0: 0 },
      { type: 'addFormula', text: 'x'.repeat(201) }, { type: 'addFormula', text: '' }, { type: 'addFormula', text: 42 },
      { type: 'revealUsage', uri: 'file:///a.py', line: 1.5, col: 0 }, { type: 'revealUsage', uri: '', line: 1, col: 0 },
      { type: 'export', format: 'png', data: 'data:text/html;base64,PGh0bWw+' }, { type: 'export', format: 'svg', data: '<html></html>' },
      { type: 'export', format: 'gif', data: 'data:image/gif;base64,R0lG' },
    ];
    for (const m of bad) assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
  });

  it('drops fields it does not know', () => {
    assert.deepEqual(parseFromWebview({ type: 'removeCurve', curveId: 'c1', extra: '<script>' }), { type: 'removeCurve', curveId: 'c1' });
  });
});

describe('parsePanelState', () => {
  it('restores sources, values and toggles, with defaults for missing settings', () => {
    const state = parsePanelState({
      sources: [{ kind: 'activation', name: 'leaky_relu', framework: 'keras', params: { negative_slope: 0.1 }, form: 'layer', kerasVersion: '2' }, { kind: 'formula', text: 'x^2' }],
      values: [{ negative_slope: 0.2 }, {}],
      showDerivative: false,
    });
    assert.ok(state);
    assert.equal(state.sources.length, 2);
    assert.deepEqual(state.values[0], { negative_slope: 0.2 });
    assert.equal(state.showDerivative, false);
    assert.equal(state.sigma, 1);
    assert.equal(state.x0, 0);
  });

  it('rejects state whose sources are not ours', () => {
    assert.equal(parsePanelState({ sources: [{ kind: 'script', text: 'alert(1)' }], values: [{}] }), undefined);
    assert.equal(parsePanelState({ sources: [{ kind: 'activation', name: 'relu', framework: 'caffe', params: {} }], values: [{}] }), undefined);
    assert.equal(parsePanelState({ sources: [], values: [{}] }), undefined);
    assert.equal(parsePanelState('nope'), undefined);
  });
});

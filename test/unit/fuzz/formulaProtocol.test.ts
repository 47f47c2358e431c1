// Fuzz: the formula compiler (typed formulas, panel messages) and the webview message validators. The compiler
// never throws and answers with functions or a short message; the validators never throw, and whatever they
// accept is within the protocol's limits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { translateDefinition } from '../../../src/core/custom/definition';
import { MAX_FORMULA_CHARS } from '../../../src/core/custom/translate';
import { compileUserFormula } from '../../../src/core/maths';
import { LIMITS, parseFromWebview, parsePanelState } from '../../../src/shared/protocol';
import { check, counts } from './budget';
import { NASTY } from './generators';

const FUNCS = ['sin', 'exp', 'log', 'max', 'min', 'pow', 'tanh', 'erf', 'sigmoid', 'abs', 'sqrt', 'atan2', 'mod', 'evaluate', 'import', 'constructor'];
const formula = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof({ depthSize: 'small' },
    fc.constantFrom('x', '2', '0.5', 'pi', 'e', 'a', 'Infinity', 'y', '1e308', '-0'),
    fc.tuple(tie('f'), fc.constantFrom('+', '-', '*', '/', '^', '>', '==', ' and ', ' mod '), tie('f')).map(([p, o, q]) => `(${p}${o}${q})`),
    fc.tuple(fc.constantFrom(...FUNCS), fc.array(tie('f'), { maxLength: 3 })).map(([n, args]) => `${n}(${args.join(', ')})`),
    fc.tuple(tie('f'), tie('f'), tie('f')).map(([c, p, q]) => `${c} ? ${p} : ${q}`)),
}));

describe('fuzz: formula compiler, translator and webview validators', () => {
  it('the formula compiler never throws: functions that return numbers, or a short message', (t) => {
    check('formula compiler', fc.oneof(formula.f, fc.string({ maxLength: 60 }), fc.array(fc.constantFrom(...NASTY, 'x', '^'), { maxLength: 20 }).map((p) => p.join(''))), 2500, (text) => {
      const r = compileUserFormula(text, { a: 1.5 });
      if ('error' in r) { assert.ok(r.error.length < 400, r.error); return; }
      for (const x of [-2, 0, 0.5, 3]) {
        assert.equal(typeof r.f(x), 'number');
        assert.equal(typeof r.df(x), 'number');
      }
    });
    t.diagnostic(`${counts.get('formula compiler')} inputs, 0 failures`);
  });

  it('the custom translator never throws and stays within its formula budget', (t) => {
    check('custom translator', fc.tuple(fc.array(formula.f, { maxLength: 5 }), formula.f), 1500, ([locals, ret]) => {
      const py = (s: string): string => s.replace(/\^/g, '**').replace(/ \? /g, ' if ').replace(/ : /g, ' else ');
      const src = `def f(x, a=1.5):\n${locals.map((l, i) => `    t${i} = ${py(l)}`).join('\n')}${locals.length ? '\n' : ''}    return ${py(ret)}\n`;
      const r = translateDefinition(src, 0);
      if (!r.ok) { assert.ok(r.reason.length < 400); return; }
      assert.ok(r.mathjs.length <= MAX_FORMULA_CHARS);
      assert.equal(typeof r.evaluate(0.5), 'number');
    });
    t.diagnostic(`${counts.get('custom translator')} inputs, 0 failures`);
  });

  const nearMessage = fc.record({
    type: fc.constantFrom('ready', 'setParams', 'setRange', 'setAnalysis', 'addFormula', 'removeCurve', 'plotUsage', 'revealUsage', 'export', 'evil', '__proto__'),
    seq: fc.oneof(fc.nat(), fc.double(), fc.constant(-1)),
    curveId: fc.string({ maxLength: 80 }),
    values: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'alpha')), fc.oneof(fc.double(), fc.string(), fc.constant(null)), { maxKeys: 20 }),
    min: fc.double(), max: fc.double(), sigma: fc.double(), x0: fc.double(),
    text: fc.string({ maxLength: 300 }), uri: fc.string({ maxLength: 50 }), line: fc.integer(), col: fc.integer(),
    format: fc.constantFrom('png', 'svg', 'gif'), data: fc.constantFrom('<svg/>', 'data:image/png;base64,AA', 'x'),
  }, { requiredKeys: ['type'] });

  it('the webview validators never throw; what they accept is within the limits', (t) => {
    check('webview validators', fc.oneof(nearMessage, fc.anything()), 3000, (m) => {
      const r = parseFromWebview(m);
      if (r?.type === 'setParams') {
        assert.ok(Object.keys(r.values).length <= LIMITS.params);
        for (const [k, v] of Object.entries(r.values)) { assert.ok(!k.startsWith('__') && k !== 'constructor'); assert.ok(Number.isFinite(v)); }
        assert.equal(Object.getPrototypeOf(r.values), Object.prototype);
        assert.deepEqual(Object.keys(r.values).sort(), Object.keys((m as { values: object }).values).sort(), 'no parameter dropped in silence');
      }
      if (r?.type === 'addFormula') assert.ok(r.text.length <= LIMITS.formula);
      if (r?.type === 'setRange') assert.ok(r.min < r.max && Number.isFinite(r.min) && Number.isFinite(r.max));
      const state = parsePanelState({ sources: [{ kind: 'formula', text: (m as { text?: unknown })?.text ?? 'x', params: (m as { values?: unknown })?.values }], values: [(m as { values?: unknown })?.values ?? {}], sigma: (m as { sigma?: unknown })?.sigma });
      if (state) assert.ok(state.sigma > 0 && state.sigma <= LIMITS.sigma);
    });
    const setParams = fc.record({
      type: fc.constant('setParams'), seq: fc.nat(), curveId: fc.constantFrom('c1', 'c2'),
      values: fc.dictionary(fc.oneof(fc.constantFrom('alpha', 'beta', '__proto__', 'constructor', 'toString'), fc.stringMatching(/^[a-z_]{1,8}$/)), fc.double({ noNaN: true, min: -10, max: 10 }), { maxKeys: 4 }),
    });
    check('webview validators', setParams, 1000, (m) => {
      const r = parseFromWebview(m);
      // Accepted or refused as a whole: a parameter never vanishes from an accepted message.
      if (r?.type === 'setParams') assert.deepEqual(Object.keys(r.values).sort(), Object.keys(m.values).sort());
      else assert.ok(Object.keys(m.values).some((k) => k.startsWith('__') || k === 'constructor'), JSON.stringify(m));
    });
    t.diagnostic(`${counts.get('webview validators')} inputs, 0 failures`);
  });
});

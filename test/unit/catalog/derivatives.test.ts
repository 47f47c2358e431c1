// Every formula's derivative: written-out vs mathjs symbolic vs central differences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileActivation, computeProperties, derivativeExpr, listActivations, resolveParams, type ActivationEntry, type UsageContext } from '../../../src/core/catalog';
import { parseExpr, symbolicDerivative } from '../../../src/core/catalog/math';
import { compileToClosure } from '../../../src/core/maths/closure';

const at = (expr: string, math: Record<string, unknown>): ((x: number) => number) => compileToClosure(parseExpr(expr), math);

const XS = Array.from({ length: 121 }, (_, i) => -6 + i * 0.1 + 0.0123);

/** Each formula once, with the parameters of the first variant that selects it. */
interface FormulaCase {
  key: string;
  math: Record<string, number | string | boolean>;
  framework: 'torch' | 'keras' | 'tf';
  params: Record<string, number>;
  version?: string;
  ctx: UsageContext;
}

function formulaCases(entry: ActivationEntry): FormulaCase[] {
  const out: FormulaCase[] = [];
  for (const v of entry.variants) {
    const tryParams: Record<string, number>[] = [{}];
    if (entry.name === 'relu' && v.framework === 'keras') tryParams.push({ [v.params[0]?.name ?? 'negative_slope']: 0.1, threshold: 0.5, max_value: 4 });
    for (const params of tryParams) {
      let r;
      const ctx: UsageContext = { ...(v.apis[0] ? { qualified: v.apis[0].qualified } : {}), ...(v.strings?.[0] ? { raw: v.strings[0] } : {}) };
      try { r = resolveParams(entry.name, v.framework, params, v.keras?.from, ctx); } catch { continue; }
      if (r.errors.length || out.some((o) => o.key === r.formula)) continue;
      out.push({ key: r.formula, math: { ...r.math }, framework: v.framework, params, ...(v.keras?.from ? { version: v.keras.from } : {}), ctx });
    }
  }
  return out;
}

describe('derivatives agree: written-out, symbolic (mathjs) and numerical', () => {
  for (const entry of listActivations()) {
    for (const c of formulaCases(entry)) {
      const formula = entry.formulas[c.key];
      if (!formula) continue;
      it(`${entry.name} [${c.key}]: f' matches central differences away from kinks`, () => {
        const { f, df, resolved } = compileActivation(entry.name, c.framework, c.params, c.version, c.ctx);
        assert.equal(resolved.formula, c.key);
        const fx = at(formula.expr, c.math);
        const props = computeProperties(entry.name, c.framework, c.params, c.version, c.ctx);
        const singular = [...props.kinks, ...props.discontinuities];
        for (const x of XS) {
          if (singular.some((k) => Math.abs(x - k) < 1e-3)) continue;
          const h = 1e-5;
          const numeric = (fx(x + h) - fx(x - h)) / (2 * h);
          assert.ok(Math.abs(df(x) - numeric) <= 1e-6 * (1 + Math.abs(numeric)), `${entry.name} f'(${x}) = ${df(x)}, numeric ${numeric}`);
          assert.ok(Number.isFinite(f(x)));
        }
      });
      const smooth = formula.symbolic ?? formula.expr;
      let symbolic: string | undefined;
      try { symbolic = symbolicDerivative(smooth).toString(); } catch { symbolic = undefined; }
      if (formula.derivative && symbolic) {
        it(`${entry.name} [${c.key}]: written derivative equals mathjs derivative of ${smooth} where that form applies`, () => {
          const written = at(derivativeExpr(formula), c.math);
          const sym = at(symbolic as string, c.math);
          const exprAt = at(formula.expr, c.math);
          const smoothAt = at(smooth, c.math);
          let compared = 0;
          for (const x of XS) {
            // Piecewise formulas: compare only where the smooth closed form is the active piece.
            const a = exprAt(x);
            const b = smoothAt(x);
            if (!(Math.abs(a - b) <= 1e-12 * (1 + Math.abs(a)))) continue;
            const w = written(x);
            const s = sym(x);
            if (!Number.isFinite(s)) continue;
            compared++;
            assert.ok(Math.abs(w - s) <= 1e-9 * (1 + Math.abs(s)), `${entry.name} at ${x}: written ${w}, symbolic ${s}`);
          }
          assert.ok(compared >= 10, `compared only ${compared} points`);
        });
      }
      if (!formula.derivative) {
        it(`${entry.name} [${c.key}]: has a symbolic derivative from mathjs`, () => {
          assert.ok(symbolic, 'mathjs can differentiate it');
        });
      }
    }
  }
});

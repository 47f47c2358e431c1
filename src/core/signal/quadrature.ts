/**
 * Quadrature rules for expectations over a standard normal variable (and over the maximum of n of them):
 * the prediction never samples, so the same model always gives the same numbers.
 */

/** Nodes and weights with E[f(Z)] ~ sum w_i f(x_i); the weights sum to 1. */
export interface Rule {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

const hermiteCache = new Map<number, Rule>();

/**
 * Gauss–Hermite rule for Z ~ N(0, 1) with n nodes (Newton iteration on the orthonormal Hermite recurrence, as in
 * Numerical Recipes' gauher), rescaled from the weight e^{-x^2} to the standard normal density.
 */
export function gaussHermite(n: number): Rule {
  const cached = hermiteCache.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.PI ** -0.25;
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (pp * pp);
  }
  // Weight e^{-t^2} -> standard normal: x = sqrt(2) t, weights divided by sqrt(pi).
  for (let i = 0; i < n; i++) {
    x[i] *= Math.SQRT2;
    w[i] /= Math.sqrt(Math.PI);
  }
  const rule = { x, w };
  hermiteCache.set(n, rule);
  return rule;
}

/** Standard normal density and distribution function (erfc by the Numerical Recipes rational approximation, 1e-7). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

const maxCache = new Map<number, Rule>();

/**
 * Rule for the maximum of n independent standard normals (density n Phi^{n-1} phi): composite Simpson on [-7, 8],
 * with the negligible nodes dropped. Used for max pooling.
 */
export function maxOfNormals(n: number): Rule {
  const cached = maxCache.get(n);
  if (cached) return cached;
  const steps = 240;
  const a = -7;
  const b = 8;
  const h = (b - a) / steps;
  const xs: number[] = [];
  const ws: number[] = [];
  let total = 0;
  for (let i = 0; i <= steps; i++) {
    const x = a + i * h;
    const simpson = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    const w = (simpson * h / 3) * n * normalCdf(x) ** (n - 1) * normalPdf(x);
    if (w < 1e-14) continue;
    xs.push(x);
    ws.push(w);
    total += w;
  }
  const rule = { x: Float64Array.from(xs), w: Float64Array.from(ws, (w) => w / total) };
  maxCache.set(n, rule);
  return rule;
}

const legendreCache = new Map<number, Rule>();

/**
 * Gauss–Legendre rule for U ~ uniform(-1, 1) with n nodes (Newton iteration on the Legendre recurrence, as in
 * Numerical Recipes' gauleg), weights halved so they sum to 1. Used for PyTorch's uniform biases.
 */
export function gaussLegendre(n: number): Rule {
  const cached = legendreCache.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = (n + 1) >> 1;
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = (n * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 1 / ((1 - z * z) * pp * pp);
  }
  const rule = { x, w };
  legendreCache.set(n, rule);
  return rule;
}

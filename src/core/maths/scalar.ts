/**
 * The one numeric kernel: the scalar functions that are not in Math (erf, a sigmoid and a softplus that neither
 * overflow nor lose precision in the tails). Catalog formulas, user formulas and custom activations all call these.
 */

/** 1 / (1 + e^-z) without overflow: the negative side divides e^z instead of e^-z. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) = max(z, 0) + log1p(e^-|z|): exact for large |z| in both directions. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** log(sigmoid(z)) = min(z, 0) - log1p(e^-|z|). */
export function logsigmoid(z: number): number {
  return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
}

/** erf to about 1e-16 relative (W. J. Cody's rational approximations, as used by mathjs). */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y >= 6) return Math.sign(x);
  if (y <= 0.5) {
    const z = y * y;
    const P = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
    const Q = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
    let num = (P[4] as number) * z;
    let den = z;
    for (let i = 0; i < 3; i++) { num = (num + (P[i] as number)) * z; den = (den + (Q[i] as number)) * z; }
    return (x * (num + (P[3] as number))) / (den + (Q[3] as number));
  }
  return Math.sign(x) * (1 - erfcPositive(y));
}

function erfcPositive(y: number): number {
  if (y <= 4) {
    const P = [0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8];
    const Q = [15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037495];
    let num = (P[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) { num = (num + (P[i] as number)) * y; den = (den + (Q[i] as number)) * y; }
    const r = (num + (P[7] as number)) / (den + (Q[7] as number));
    const ysq = Math.trunc(y * 16) / 16;
    const del = (y - ysq) * (y + ysq);
    return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
  }
  const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378, 0.016315387137302097];
  const Q = [2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
  const z = 1 / (y * y);
  let num = (P[5] as number) * z;
  let den = z;
  for (let i = 0; i < 4; i++) { num = (num + (P[i] as number)) * z; den = (den + (Q[i] as number)) * z; }
  let r = (z * (num + (P[4] as number))) / (den + (Q[4] as number));
  r = (1 / Math.sqrt(Math.PI) - r) / y;
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
}

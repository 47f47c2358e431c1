// How many generated cases each property runs. `npm test` runs the base counts (over 10,000 cases in all, in a few
// seconds); `npm run fuzz` multiplies them by FUZZ_SCALE. A failure is shrunk by fast-check and printed as the
// smallest counterexample, with the seed and path to replay it.
import fc from 'fast-check';

const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? '1') || 1);

/** Cases run so far in this process, by suite (printed by the summary test of each file). */
export const counts = new Map<string, number>();

/** Runs a property `runs` times (times FUZZ_SCALE), counting the cases, and throws the shrunk counterexample. */
export function check<T>(suite: string, arb: fc.Arbitrary<T>, runs: number, predicate: (value: T) => void): void {
  const numRuns = runs * scale;
  const details = fc.check(fc.property(arb, (v) => { predicate(v); }), { numRuns, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });
  counts.set(suite, (counts.get(suite) ?? 0) + details.numRuns);
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${suite}: property failed after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath ?? ''}).\nMinimal counterexample: ${fc.stringify(details.counterexample)}\n${error}`);
  }
}

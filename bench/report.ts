/** Benchmark figures and how they are printed: `bench NAME VALUE UNIT`, one per line, after the prose. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function formatFigure(f: Figure): string {
  const digits = Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 10 ? 1 : Math.abs(f.value) >= 1 ? 2 : 3;
  return `bench ${f.name} ${f.value.toFixed(digits)} ${f.unit}`;
}

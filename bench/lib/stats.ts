/** Figures of one measured run; times in milliseconds. */
export interface Stats {
  requests: number;
  seconds: number;
  rps: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (the same method as lib/load.mjs). */
export function summarize(times: number[], seconds: number): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    mean: sorted.reduce((s, t) => s + t, 0) / (sorted.length || 1),
    p50: q(50),
    p95: q(95),
    p99: q(99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

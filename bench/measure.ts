/** Timing one operation for the benchmarks: warm-up runs, then measured runs, as median and 95th percentile (ms). */
export interface Stats {
  median: number;
  p95: number;
}

export async function measure(run: () => unknown, { runs, warmup }: { runs: number; warmup: number }): Promise<Stats> {
  for (let i = 0; i < warmup; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (fraction: number) => times[Math.min(times.length - 1, Math.ceil(fraction * times.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

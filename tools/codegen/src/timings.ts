/** Stage timings, printed by --timings (used by the benchmarks to see where time goes). */
const spans: [string, number][] = [];

export async function timed<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    spans.push([label, performance.now() - start]);
  }
}

export function timingReport(): string {
  const totals = new Map<string, number>();
  for (const [label, ms] of spans) totals.set(label, (totals.get(label) ?? 0) + ms);
  return [...totals].map(([label, ms]) => `  ${label.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms`).join("\n");
}

/** Small helpers shared by the benchmarks: timing loops and the one JSON line format. */

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  [extra: string]: unknown;
}

export function report(figure: Figure): void {
  const rounded = { ...figure, value: round(figure.value) };
  if (figure.baseline !== undefined) rounded.baseline = round(figure.baseline);
  if (figure.ratio !== undefined) rounded.ratio = round(figure.ratio);
  process.stdout.write(JSON.stringify(rounded) + '\n');
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `fn` in milliseconds over `runs` runs after `warmup` unmeasured ones. */
export function medianMs(fn: () => void, runs = 50, warmup = 10): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Runs two measurements interleaved, so noise from the machine falls on both alike. */
export function interleavedMedians(a: () => void, b: () => void, rounds = 5, runsPerRound = 20): [number, number] {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(medianMs(a, runsPerRound, r === 0 ? 10 : 2));
    bs.push(medianMs(b, runsPerRound, r === 0 ? 10 : 2));
  }
  as.sort((x, y) => x - y);
  bs.sort((x, y) => x - y);
  return [as[Math.floor(as.length / 2)], bs[Math.floor(bs.length / 2)]];
}

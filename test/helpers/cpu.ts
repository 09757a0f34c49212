/**
 * The CPU time a piece of work takes in this process, in milliseconds. Guards against runaway work (a
 * backtracking or quadratic path) read this rather than the clock, so waiting for a core on a busy
 * machine does not count against them.
 */
export function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

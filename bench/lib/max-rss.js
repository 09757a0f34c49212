// Preloaded into a measured child (node --require): when the process exits it writes its peak resident
// set size in bytes (process.resourceUsage().maxRSS is in kilobytes) to the file named by
// SFJOB_BENCH_MAX_RSS_FILE, so the benchmark reads the child's own figure rather than sampling it.
'use strict';
const fs = require('node:fs');
const target = process.env.SFJOB_BENCH_MAX_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
// The same for the CPU time the process used (user and system, in microseconds): on a busy machine it
// varies far less than the wall time.
const cpuTarget = process.env.SFJOB_BENCH_CPU_FILE;
if (cpuTarget) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(cpuTarget, String(usage.userCPUTime + usage.systemCPUTime));
  });
}

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

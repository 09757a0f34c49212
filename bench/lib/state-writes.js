// Preloaded into a measured `sfjob run` (node --require): counts the bytes the process writes into
// files under .sfjob/state/ (the SQLite library writes with fs.writeSync; the summary beside the
// database with a file handle), and on exit writes them, with the peak resident set size, as JSON to
// the file named by SFJOB_BENCH_STATE_WRITES_FILE.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const target = process.env.SFJOB_BENCH_STATE_WRITES_FILE;
if (target) {
  const marker = `${path.sep}.sfjob${path.sep}state${path.sep}`;
  const stateFds = new Set();
  let stateBytes = 0;
  const openSync = fs.openSync;
  fs.openSync = function (file, ...rest) {
    const fd = openSync.call(this, file, ...rest);
    if (String(file).includes(marker)) stateFds.add(fd);
    return fd;
  };
  const closeSync = fs.closeSync;
  fs.closeSync = function (fd, ...rest) {
    stateFds.delete(fd);
    return closeSync.call(this, fd, ...rest);
  };
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, ...rest) {
    const written = writeSync.call(this, fd, ...rest);
    if (stateFds.has(fd)) stateBytes += written;
    return written;
  };
  const open = fs.promises.open;
  fs.promises.open = async function (file, ...rest) {
    const handle = await open.call(this, file, ...rest);
    if (String(file).includes(marker)) {
      const write = handle.write;
      handle.write = async function (...args) {
        const result = await write.apply(this, args);
        stateBytes += result.bytesWritten;
        return result;
      };
      const writeFile = handle.writeFile;
      handle.writeFile = async function (data, ...more) {
        stateBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
        return writeFile.call(this, data, ...more);
      };
    }
    return handle;
  };
  process.on('exit', () => {
    fs.writeFileSync(target, JSON.stringify({ stateBytes, maxRss: process.resourceUsage().maxRSS * 1024 }));
  });
}

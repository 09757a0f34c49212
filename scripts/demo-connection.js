// Points the example connection "local" at the emulator the demo started, for one demo run only. The
// committed examples/sfjob.connections.json names port 4510; when the demo serves on another port, the
// file is edited in place (comments kept) and put back when the demo ends. A copy of the original is
// kept beside the demo's other state first, so a demo that was killed outright is repaired by the next.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { applyEdits, modify, parse } = require('jsonc-parser');

const CONNECTION = 'local';

/** The environmentUrl the file gives the connection "local", or undefined. */
function localUrlIn(text) {
  return parse(text, [], { allowTrailingComma: true })?.connections?.[CONNECTION]?.environmentUrl;
}

/** Puts back a connections file a killed demo left pointed elsewhere. Returns whether it did. */
function restoreLeftover(file, backup) {
  if (!fs.existsSync(backup)) return false;
  fs.writeFileSync(file, fs.readFileSync(backup));
  fs.rmSync(backup);
  return true;
}

/**
 * Makes the connection "local" in `file` reach `url` and returns the function that undoes it (a no-op
 * when the file already says so). The undo also runs when the process exits or is interrupted.
 */
function pointLocalConnectionAt(file, url, backup) {
  restoreLeftover(file, backup);
  const original = fs.readFileSync(file, 'utf8');
  if (localUrlIn(original) === url) return () => {};
  fs.mkdirSync(path.dirname(backup), { recursive: true });
  fs.writeFileSync(backup, original);
  const edits = modify(original, ['connections', CONNECTION, 'environmentUrl'], url, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  fs.writeFileSync(file, applyEdits(original, edits));
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    // Without its copy the file was put back already (by a later demo repairing this one).
    if (fs.existsSync(backup)) {
      fs.writeFileSync(file, original);
      fs.rmSync(backup, { force: true });
    }
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  const onSignal = (signal) => {
    restore();
    process.kill(process.pid, signal);
  };
  process.on('exit', restore);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return restore;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

module.exports = { localUrlIn, pointLocalConnectionAt, restoreLeftover };

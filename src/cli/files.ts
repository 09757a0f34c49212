import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONNECTIONS_FILE_NAME } from '../salesforce/connections/load';
import { CliUsageError } from './command';


/** Folders never searched for job files: dependencies, build output and the tool's own state. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfjob', 'dist', 'out', '.cache']);

export const JOB_SUFFIX = '.sfjob.json';
export const CONNECTIONS_FILE = CONNECTIONS_FILE_NAME;

function isWanted(name: string): boolean {
  return name.endsWith(JOB_SUFFIX) || name === CONNECTIONS_FILE;
}

export const IGNORE_FILE = '.sfjobignore';

/**
 * Patterns from a folder's .sfjobignore: one glob a line, relative to that folder, `#` comments; a
 * pattern ending in "/" names a folder. A folder search skips what they match; a path given on the
 * command line is always checked, so `sfjob validate examples/broken` still works.
 */
function readIgnorePatterns(dir: string): RegExp[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, IGNORE_FILE), 'utf8');
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => globToRegExp(line.replace(/^\/+/, '').replace(/\/+$/, '')));
}

function* walk(dir: string, ignored: readonly { base: string; pattern: RegExp }[] = []): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const rules = [...ignored, ...readIgnorePatterns(dir).map((pattern) => ({ base: dir, pattern }))];
  const isIgnored = (full: string) => rules.some((r) => r.pattern.test(path.relative(r.base, full).split(path.sep).join('/')));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (isIgnored(full)) continue;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(full, rules);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/** A glob (`*`, `**`, `?`, `{a,b}`) as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches any number of folders, including none.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const GLOB_CHARS = /[*?{]/;

/**
 * Turns the command line's paths into the files to check: a file as given, a folder searched for job
 * and connections files, a glob matched below its fixed prefix. A path that matches nothing is bad
 * usage (exit 2), so a typo in CI never passes as "no problems found".
 */
export function findInputFiles(args: readonly string[], cwd: string): string[] {
  const inputs = args.length > 0 ? args : ['.'];
  const found = new Set<string>();
  for (const input of inputs) {
    const before = found.size;
    if (GLOB_CHARS.test(input)) {
      const normalized = input.replace(/\\/g, '/');
      const firstGlob = normalized.search(GLOB_CHARS);
      const prefix = normalized.slice(0, normalized.lastIndexOf('/', firstGlob) + 1);
      const root = path.resolve(cwd, prefix || '.');
      const pattern = globToRegExp(normalized.slice(prefix.length));
      for (const file of walk(root)) {
        if (pattern.test(path.relative(root, file).split(path.sep).join('/'))) found.add(file);
      }
    } else {
      const full = path.resolve(cwd, input);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
      } catch {
        throw new CliUsageError(`${input}: no such file or folder. Give a job file (*.sfjob.json), a folder or a glob.`);
      }
      if (stat.isDirectory()) {
        for (const file of walk(full)) if (isWanted(path.basename(file))) found.add(file);
      } else {
        found.add(full);
      }
    }
    if (found.size === before) {
      throw new CliUsageError(`${input}: no *.sfjob.json files found there. Check the path, or create a job with the editor's "sfjob: New Job".`);
    }
  }
  return [...found];
}

/** The path as printed: relative to the current folder, with "/" on every platform. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}


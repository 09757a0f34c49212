import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../core/inside';
import { CONNECTIONS_FILE_NAME } from '../salesforce';
import { CliUsageError } from './command';
import { escapeControl } from './format/escape';
import { compileGlob, GlobError, type GlobMatcher } from './glob';


/** Folders never searched for job files: dependencies, build output and the tool's own state. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfjob', 'dist', 'out', '.cache']);

export const JOB_SUFFIX = '.sfjob.json';
export const CONNECTIONS_FILE = CONNECTIONS_FILE_NAME;

function isWanted(name: string): boolean {
  return name.endsWith(JOB_SUFFIX) || name === CONNECTIONS_FILE;
}

export const IGNORE_FILE = '.sfjobignore';

/**
 * Bounds on .sfjobignore files, which arrive in pull requests like any other file: each pattern is
 * compiled once and tried against every path below its folder, so their number bounds the time a
 * folder search takes. Real files hold a handful of lines.
 */
export const MAX_IGNORE_FILE_BYTES = 64 * 1024;
export const MAX_IGNORE_PATTERNS = 200;
/** Across one folder search: different patterns compiled, and patterns in force for one folder. */
export const MAX_IGNORE_PATTERNS_IN_ALL = 500;

interface IgnoreRule {
  base: string;
  matches: GlobMatcher;
}

/** One folder search: globs compiled once each, however many folders repeat them. */
class IgnoreRules {
  private readonly compiled = new Map<string, GlobMatcher>();

  constructor(private readonly cwd: string) {}

  /**
   * Patterns from a folder's .sfjobignore: one glob a line, relative to that folder, `#` comments; a
   * pattern ending in "/" names a folder. A folder search skips what they match; a path given on the
   * command line is always checked, so `sfjob validate examples/broken` still works.
   */
  read(dir: string): IgnoreRule[] {
    const file = path.join(dir, IGNORE_FILE);
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_IGNORE_FILE_BYTES) throw this.problem(file, 1, `is larger than ${MAX_IGNORE_FILE_BYTES / 1024} KB`);
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if (error instanceof CliUsageError) throw error;
      return [];
    }
    const rules: IgnoreRule[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '' || line.startsWith('#')) continue;
      if (rules.length === MAX_IGNORE_PATTERNS) throw this.problem(file, i + 1, `holds more than ${MAX_IGNORE_PATTERNS} patterns`);
      rules.push({ base: dir, matches: this.compile(line.replace(/^\/+/, '').replace(/\/+$/, ''), file, i + 1) });
    }
    return rules;
  }

  private compile(glob: string, file: string, line: number): GlobMatcher {
    let matcher = this.compiled.get(glob);
    if (!matcher) {
      if (this.compiled.size === MAX_IGNORE_PATTERNS_IN_ALL) throw this.problem(file, line, `brings the patterns of this folder search past ${MAX_IGNORE_PATTERNS_IN_ALL}`);
      try {
        matcher = compileGlob(glob);
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        throw this.problem(file, line, `has a pattern that cannot be used: ${error.message}`);
      }
      this.compiled.set(glob, matcher);
    }
    return matcher;
  }

  /** Patterns of nested .sfjobignore files add up for the folders below them. */
  tooMany(dir: string): CliUsageError {
    return this.problem(path.join(dir, IGNORE_FILE), 1, `and those of the folders above it hold more than ${MAX_IGNORE_PATTERNS_IN_ALL} patterns together`);
  }

  private problem(file: string, line: number, what: string): CliUsageError {
    return new CliUsageError(`${escapeControl(displayPath(file, this.cwd))}:${line}: this ${IGNORE_FILE} ${what}. Keep it to a few globs, one a line.`);
  }
}

function* walk(dir: string, ignoreRules: IgnoreRules, ignored: readonly IgnoreRule[] = []): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const own = ignoreRules.read(dir);
  if (ignored.length + own.length > MAX_IGNORE_PATTERNS_IN_ALL) throw ignoreRules.tooMany(dir);
  const rules = [...ignored, ...own];
  const isIgnored = (full: string) => rules.some((r) => r.matches(path.relative(r.base, full).split(path.sep).join('/')));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (isIgnored(full)) continue;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(full, ignoreRules, rules);
    } else if (entry.isFile()) {
      yield full;
    }
  }
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
  const ignoreRules = new IgnoreRules(cwd);
  for (const input of inputs) {
    const before = found.size;
    if (GLOB_CHARS.test(input)) {
      const normalized = input.replace(/\\/g, '/');
      const firstGlob = normalized.search(GLOB_CHARS);
      const prefix = normalized.slice(0, normalized.lastIndexOf('/', firstGlob) + 1);
      const root = path.resolve(cwd, prefix || '.');
      let matches: GlobMatcher;
      try {
        matches = compileGlob(normalized.slice(prefix.length));
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        throw new CliUsageError(`${input}: ${error.message}.`);
      }
      for (const file of walk(root, ignoreRules)) {
        if (matches(path.relative(root, file).split(path.sep).join('/'))) found.add(file);
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
        for (const file of walk(full, ignoreRules)) if (isWanted(path.basename(file))) found.add(file);
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
  return (isInside(file, path.resolve(cwd)) ? path.relative(cwd, file) : file).split(path.sep).join('/');
}


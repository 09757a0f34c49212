import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/**
 * Globs for the command line and .sfjobignore files. picomatch reads the glob (`*`, `**`, `?`, `[…]`,
 * `{a,b}`, `{1..3}`); the regular expression it builds is then run by re2js, whose time grows linearly
 * with the path. picomatch's own expression runs on JavaScript's backtracking engine, where
 * `*a*a*a*a*a*a*b` against a long name takes minutes, and these globs come from files in pull requests.
 */

/** Longer globs are refused: no real pattern needs them, and compiling one costs time. */
export const MAX_GLOB_LENGTH = 500;

const OPTIONS: picomatch.PicomatchOptions = {
  // Names starting with "." are matched like any other, as they always were here.
  dot: true,
  // Extglobs (`!(x)`, `+(x)`) need lookaround, which a linear-time engine does not have; they stay literal text.
  noextglob: true,
  // A leading "!" is literal too: an ignore file lists what to skip, never exceptions.
  nonegate: true,
  maxLength: MAX_GLOB_LENGTH,
};

/**
 * The lookarounds picomatch adds with these options and that never change a result here: the paths
 * matched are relative paths of files found by a folder search, so no segment is empty, "." or "..".
 */
const REDUNDANT_LOOKAROUNDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

export class GlobError extends Error {}

export type GlobMatcher = (relativePath: string) => boolean;

/** A matcher for `/`-separated relative paths; throws GlobError for a glob it cannot run in linear time. */
export function compileGlob(glob: string): GlobMatcher {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`the pattern is longer than ${MAX_GLOB_LENGTH} characters`);
  let source = picomatch.makeRe(glob, OPTIONS).source;
  for (const lookaround of REDUNDANT_LOOKAROUNDS) source = source.split(lookaround).join('');
  let compiled: RE2JS;
  try {
    // DOTALL: a file name may hold a line break, and "**" must still cross it.
    compiled = RE2JS.compile(source, RE2JS.DOTALL);
  } catch {
    throw new GlobError('the pattern uses a form that cannot be matched in linear time');
  }
  return (relativePath) => compiled.matches(relativePath);
}

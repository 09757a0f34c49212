import type { Node } from 'jsonc-parser';
import type { Diagnostic } from './diagnostics';
import { queryTextOf } from './job/query-text';
import { compilePattern, matchAll } from './regex';
import type { LineIndex } from './text';
import { cliRemedy } from './remedies';

/**
 * Key names that hold secrets, compared without case, "_" or "-" (client_secret = clientSecret).
 * A name matches when it ends with one of these, so `consumerSecret` and `sfRefreshToken` count too.
 */
const SECRET_KEY_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'securitytoken',
  'accesstoken',
  'refreshtoken',
  'sessionid',
  'bearertoken',
  'authtoken',
  'privatekey',
  'apikey',
  'token',
];

/** Values that are references to a secret kept elsewhere, not the secret itself. */
const PLACEHOLDER = /^(\$\{?[A-Za-z_][\w.:-]*\}?|env:[\w-]+|<[^<>]*>|\*+|x+|\.\.\.|…|changeme|TODO)$/i;

interface SecretShape {
  name: string;
  /** Literal text every match contains: strings without it are skipped cheaply. */
  hint: string;
  pattern: string;
}

/**
 * Shapes that are secrets wherever they appear, whatever the key. They run in the linear-time engine
 * because a job's strings are user input and may be long.
 */
const SECRET_SHAPES: readonly SecretShape[] = [
  // A Salesforce session or access token: the org id (00D…), "!", then the token body.
  { name: 'a Salesforce access token', hint: '!', pattern: '\\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}' },
  // Salesforce refresh tokens start with 5Aep and run to about 87 characters.
  { name: 'a Salesforce refresh token', hint: '5Aep', pattern: '\\b5Aep[A-Za-z0-9._]{60,}' },
  { name: 'a private key', hint: 'PRIVATE KEY-----', pattern: '-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----' },
  { name: 'a JSON web token', hint: 'eyJ', pattern: '\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}' },
];

const COMPILED_SHAPES = SECRET_SHAPES.map((shape) => {
  const compiled = compilePattern(shape.pattern);
  if (!compiled.ok) throw new Error(`secret shape ${shape.name}: ${compiled.message}`);
  return { ...shape, regex: compiled.regex };
});

function normalizedKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s.]/g, '');
}

/** True when a key's name says it holds a secret (`password`, `client_secret`, `refreshToken`, …). */
export function isSecretKey(key: string): boolean {
  const name = normalizedKey(key);
  // Key names that end in "token" but hold no secret, such as the names of files or settings.
  if (/(file|path|url|uri|endpoint|type|name|expiry|expiration|envvar|env)$/.test(name)) return false;
  return SECRET_KEY_ENDINGS.some((ending) => name.endsWith(ending));
}

/** Shannon entropy in bits per character: random tokens score high, words and identifiers low. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A long, random-looking string: the shape of a client secret or API key. */
export function looksRandom(value: string): boolean {
  return value.length >= 20 && !/\s/.test(value) && entropy(value) >= 3.5;
}

export interface SecretFinding {
  /** What was found, for the message; never the value itself. */
  what: string;
  start: number;
  end: number;
  key?: string;
}

/** Where a secret-shaped value sits inside a string, as document offsets; undefined when none does. */
function findShape(text: string, node: Node): SecretFinding | undefined {
  const value = typeof node.value === 'string' ? node.value : '';
  for (const shape of COMPILED_SHAPES) {
    if (!value.includes(shape.hint)) continue;
    const match = matchAll(shape.regex, value).next();
    if (!match.done) {
      const { start, end } = match.value;
      const span = queryTextOf(text, node)?.toDocumentRange(start, end) ?? { start: node.offset, end: node.offset + node.length };
      return { what: shape.name, start: span.start, end: span.end };
    }
  }
  return undefined;
}

function walk(text: string, node: Node, key: string | undefined, found: SecretFinding[]): void {
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode && valueNode) walk(text, valueNode, String(keyNode.value), found);
    }
    return;
  }
  if (node.type === 'array') {
    for (const child of node.children ?? []) walk(text, child, key, found);
    return;
  }
  if (node.type !== 'string' || typeof node.value !== 'string') return;
  const shape = findShape(text, node);
  if (shape) {
    found.push({ ...shape, key });
    return;
  }
  const value = node.value.trim();
  if (key !== undefined && isSecretKey(key) && value.length > 0 && !PLACEHOLDER.test(value)) {
    const what = looksRandom(value) ? `a secret (a random-looking value in "${key}")` : `a secret (the value of "${key}")`;
    found.push({ what, start: node.offset, end: node.offset + node.length, key });
  }
}

/** Every secret written in a JSON document: by the key that holds it, or by the value's own shape. */
export function findSecrets(text: string, root: Node | undefined): SecretFinding[] {
  const found: SecretFinding[] = [];
  if (root) walk(text, root, undefined, found);
  return found;
}

/** `secret-in-file` diagnostics for a file kept in git; the message names the key, never the value. */
export function secretDiagnostics(text: string, root: Node | undefined, lines: LineIndex, fileKind: string): Diagnostic[] {
  return findSecrets(text, root).map((finding) => ({
    code: 'secret-in-file',
    severity: 'error',
    message:
      `This ${fileKind} holds ${finding.what}. Files kept in git must not hold secrets: remove it, revoke it if it was ever committed, ` +
      `and keep it in VS Code's secret storage (run ${cliRemedy('authorize')}), an SFJOB_<NAME>_… environment variable, or a user-only credentials file outside the workspace.`,
    range: lines.rangeOf(finding.start, finding.end),
    data: finding.key === undefined ? {} : { key: finding.key },
  }));
}

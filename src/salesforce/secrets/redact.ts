const MASK = '***';

/**
 * Masks every occurrence of the given secrets in a text meant for people (an error message, a log line),
 * including their URL- and form-encoded spellings, since OAuth errors often echo request bodies and URLs.
 * Very short values are skipped: masking every "a" would make messages unreadable and protects nothing.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
    spellings.add(new URLSearchParams({ s: secret }).toString().slice(2));
    spellings.add(JSON.stringify(secret).slice(1, -1));
  }
  let result = text;
  for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) {
    result = result.split(spelling).join(MASK);
  }
  return result;
}

/**
 * Salesforce record ids: a 3-character key prefix, then an instance and counter part, 15 characters that are
 * case-sensitive, plus a 3-character suffix that encodes the case of the first 15 so the 18-character form can
 * be compared without regard to case.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id: string): string {
  return id.length === 15 ? id + idChecksum(id) : id;
}

/**
 * Makes the n-th id for a key prefix. The counter is base62 in ASCII order, so ids sort in the order they were
 * made, as real ids roughly do.
 */
export function makeId(keyPrefix: string, counter: number): string {
  let digits = '';
  let rest = counter;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = keyPrefix + '5g0' + digits;
  return id15 + idChecksum(id15);
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

export function looksLikeId(value: string): boolean {
  return ID_PATTERN.test(value);
}

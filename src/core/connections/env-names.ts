import { envNameOf } from '../job/connections-schema';

export interface EnvPrefixClash {
  /** The later of the two names in the file: the one to rename. */
  name: string;
  /** The earlier name it shares its environment variables with. */
  other: string;
  /** The shared prefix, such as SFJOB_ACME_PROD_. */
  prefix: string;
  message: string;
}

/**
 * Connection names that read the same SFJOB_<NAME>_… environment variables ("acme-prod", "acme.prod" and
 * "ACME_PROD" all read SFJOB_ACME_PROD_CLIENT_SECRET). A job file could otherwise add a look-alike
 * connection with a login host of its choosing and have the CLI send it the other connection's secrets.
 */
export function envPrefixClashes(names: Iterable<string>): EnvPrefixClash[] {
  const first = new Map<string, string>();
  const clashes: EnvPrefixClash[] = [];
  for (const name of names) {
    const prefix = `SFJOB_${envNameOf(name)}_`;
    const other = first.get(prefix);
    if (other === undefined) {
      first.set(prefix, name);
      continue;
    }
    clashes.push({
      name,
      other,
      prefix,
      message: `Connections "${other}" and "${name}" read the same environment variables (${prefix}…), so either would be given the other's secrets. Rename one so that the names differ in letters or digits, not only in case or punctuation.`,
    });
  }
  return clashes;
}

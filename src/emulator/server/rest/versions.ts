import { identityUrl, type EmulatorContext } from '../context';
import type { Exchange } from '../exchange';
import { API_VERSIONS } from '../options';
import type { Session } from '../sessions';

const SEASONS = ['Summer', 'Winter', 'Spring'];

/** Salesforce ships three releases a year; v31.0 was Summer '14 and each version is the next release. */
export function releaseLabel(version: string): string {
  const n = Number.parseInt(version, 10) - 31;
  const year = 14 + Math.floor((n + 2) / 3);
  return `${SEASONS[n % 3]} '${String(year).padStart(2, '0')}`;
}

/** GET /services/data: no session needed and, as in Salesforce, no Sforce-Limit-Info header. */
export function handleVersions(exchange: Exchange): void {
  exchange.sendJson(
    200,
    API_VERSIONS.map((version) => ({ label: releaseLabel(version), url: `/services/data/v${version}`, version })),
  );
}

/** GET /services/data/vNN.0/: the resources of one version. */
export function handleResources(context: EmulatorContext, exchange: Exchange, version: string, session: Session): void {
  const base = `/services/data/v${version}`;
  const names = ['sobjects', 'query', 'queryAll', 'limits', 'jobs', 'search', 'recent', 'tooling', 'composite', 'analytics'];
  const resources: Record<string, string> = {};
  for (const name of names) resources[name] = `${base}/${name}`;
  resources.identity = identityUrl(context, session.userId);
  exchange.sendJson(200, resources);
}

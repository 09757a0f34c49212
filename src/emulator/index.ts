/**
 * The local Salesforce org emulator, in process: tests start one on a free port, talk to it over
 * real HTTP (jsforce or fetch), steer it through `faults` and `org`, and close it.
 */
import { decodeHTMLAttribute } from 'entities';
import { createOrg } from './org/create';
import type { OrgStore } from './org/types';
import { BulkJobStore } from './server/bulk/jobs';
import type { EmulatorContext } from './server/context';
import { FaultState, type FaultControl } from './server/faults';
import { LocatorStore } from './server/locators';
import { EMULATOR_DEFAULTS, resolveServerConfig, type EmulatorOptions } from './server/options';
import { listen } from './server/server';
import { announceSecret, SessionStore } from './server/sessions';
import { ApiUsage } from './server/usage';

export type { EmulatorOptions } from './server/options';
export type { FaultControl, FaultSettings, FailureRule } from './server/faults';
export { EMULATOR_DEFAULTS } from './server/options';
export { SECRET_CHANNEL } from './server/sessions';

export interface EmulatorHandle {
  /** http://127.0.0.1:PORT: the login host and the instance URL alike. */
  url: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** Appended to the password in the password grant; empty unless the emulator was started with one. */
  securityToken: string;
  org: OrgStore;
  faults: FaultControl;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const config = resolveServerConfig(options);
  for (const secret of [config.clientSecret, config.password, config.securityToken]) announceSecret(secret);
  const org = createOrg({ seed: options.seed, records: options.records, dataDir: options.dataDir, now: options.now?.(), clock: options.now });
  const usage = new ApiUsage(config.apiDailyLimit);
  const context: EmulatorContext = {
    config,
    org,
    sessions: new SessionStore(org.orgId, config.tokenTtlMs, config.now),
    usage,
    locators: new LocatorStore(config.locatorTtlMs, config.now),
    faults: new FaultState((calls) => usage.limitAfter(calls)),
    bulkJobs: new BulkJobStore(),
    requests: { count: 0 },
    baseUrl: '',
  };
  const running = await listen(context, options.port ?? 0, options.host ?? EMULATOR_DEFAULTS.host);
  const faults: FaultControl = {
    set: (settings) => context.faults.set(settings),
    clear: () => context.faults.clear(),
    current: () => context.faults.current(),
    firings: () => context.faults.firings(),
    expireTokens: () => void context.sessions.expireAll(),
    invalidateLocators: () => void context.locators.invalidateAll(),
  };
  let closing: Promise<void> | undefined;
  return {
    url: context.baseUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    username: config.username,
    password: config.password,
    securityToken: config.securityToken,
    org,
    faults,
    close: () => (closing ??= running.close()),
  };
}

/**
 * Walks the authorize consent page without a browser: GETs the authorize URL, submits the consent
 * form with Allow (or Deny), and returns the redirect Location (the redirect_uri with code and state).
 * Throws with the page's error when the emulator shows an error page instead.
 */
export async function followAuthorize(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const early = page.headers.get('location');
  if (early) return early;
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the authorize page answered ${page.status}: ${html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`);
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(match[1], decodeHTMLAttribute(match[2]));
  form.set('decision', decision);
  const answer = await fetch(new URL('/services/oauth2/authorize', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`the consent form answered ${answer.status} without a redirect: ${await answer.text()}`);
  return location;
}

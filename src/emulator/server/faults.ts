import { z } from 'zod';

/**
 * Faults on demand. A rule fires on the Nth request that matches it (counted from when it was set),
 * `times` times in a row; the settings beside the rules apply to every request while set.
 */
const failureRuleSchema = z
  .object({
    /** error: answer with `status`; reset/half-close: break the connection mid-body; expire-token: end every session first; invalidate-locators: drop every open query locator first. */
    action: z.enum(['error', 'reset', 'half-close', 'expire-token', 'invalidate-locators']),
    status: z.union([z.literal(500), z.literal(503), z.literal(429)]).optional(),
    nth: z.number().int().min(1).optional(),
    /** Only requests whose path contains this text count towards nth. */
    path: z.string().min(1).optional(),
    method: z.string().min(1).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict();

export const faultSettingsSchema = z
  .object({
    rules: z.array(failureRuleSchema).optional(),
    /** Every answer waits this long first. */
    delayMs: z.number().int().min(0).max(60_000).optional(),
    /** REQUEST_LIMIT_EXCEEDED once this many more API calls have been made. */
    requestLimitAfter: z.number().int().min(0).optional(),
    /** QUERY_TIMEOUT for a query whose date window is wider than this many days. */
    queryTimeoutDays: z.number().positive().optional(),
  })
  .strict();

/** Checks fault settings from outside (JSON over HTTP, a CLI flag): the settings, or what is wrong, one line per problem. */
export function parseFaultSettings(value: unknown): { ok: true; settings: FaultSettings } | { ok: false; message: string } {
  const result = faultSettingsSchema.safeParse(value);
  if (result.success) return { ok: true, settings: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return { ok: false, message: `invalid faults: ${problems.join('; ')}` };
}

export type FailureRule = z.infer<typeof failureRuleSchema>;
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** The in-process face of the faults, the same operations as the /__emulator/faults endpoint. */
export interface FaultControl {
  /** Replaces the settings given (rules replace rules); settings not named stay as they are. */
  set(settings: FaultSettings): void;
  /** Removes every fault: no rules, no delay, no lowered limit, no query timeout. */
  clear(): void;
  current(): FaultSettings;
  /** How many times each current rule has fired, in order. */
  firings(): number[];
  /** Ends every open session now, as an expired token would. */
  expireTokens(): void;
  /** Drops every open query locator now. */
  invalidateLocators(): void;
}

interface ArmedRule {
  rule: FailureRule;
  seen: number;
  fired: number;
}

export type FaultAction = Pick<FailureRule, 'action' | 'status'>;

/** The server's side of the faults: which rule fires on a request, and the standing settings. */
export class FaultState {
  private armed: ArmedRule[] = [];
  private settings: Omit<FaultSettings, 'rules'> = {};

  constructor(private readonly onRequestLimit: (calls: number | undefined) => void) {}

  set(settings: FaultSettings): void {
    const parsed = faultSettingsSchema.parse(settings);
    if (parsed.rules) this.armed = parsed.rules.map((rule) => ({ rule, seen: 0, fired: 0 }));
    const { rules: _rules, ...standing } = parsed;
    this.settings = { ...this.settings, ...standing };
    if ('requestLimitAfter' in standing) this.onRequestLimit(standing.requestLimitAfter);
  }

  clear(): void {
    this.armed = [];
    this.settings = {};
    this.onRequestLimit(undefined);
  }

  current(): FaultSettings {
    return { ...this.settings, rules: this.armed.map((a) => a.rule) };
  }

  /** How many times each rule has fired, in the order of the rules. */
  firings(): number[] {
    return this.armed.map((a) => a.fired);
  }

  get delayMs(): number {
    return this.settings.delayMs ?? 0;
  }

  get queryTimeoutDays(): number | undefined {
    return this.settings.queryTimeoutDays;
  }

  /** Counts a request against every rule and returns the actions of the rules that fire on it. */
  onRequest(method: string, path: string): FaultAction[] {
    const actions: FaultAction[] = [];
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.path && !path.includes(rule.path)) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      armed.seen++;
      if (armed.seen >= (rule.nth ?? 1) && armed.fired < (rule.times ?? 1)) {
        armed.fired++;
        actions.push({ action: rule.action, status: rule.status });
      }
    }
    return actions;
  }
}

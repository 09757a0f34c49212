/**
 * The org's daily API request counter, reported in Sforce-Limit-Info and /limits. A fault can lower
 * the ceiling so that a test reaches REQUEST_LIMIT_EXCEEDED after a few calls.
 */
export class ApiUsage {
  private used = 0;
  /** Calls allowed from the moment a fault was set, on top of those already used. */
  private faultCeiling: number | undefined;

  constructor(private readonly dailyLimit: number) {}

  get max(): number {
    return this.dailyLimit;
  }

  get count(): number {
    return this.used;
  }

  /** Counts one call; false when the call is over the limit and must be refused. */
  record(): boolean {
    if (this.used >= this.dailyLimit) return false;
    if (this.faultCeiling !== undefined && this.used >= this.faultCeiling) return false;
    this.used++;
    return true;
  }

  limitAfter(calls: number | undefined): void {
    this.faultCeiling = calls === undefined ? undefined : this.used + calls;
  }

  reset(): void {
    this.used = 0;
    this.faultCeiling = undefined;
  }

  header(): string {
    return `api-usage=${this.used}/${this.dailyLimit}`;
  }
}

/** The keys of a small survey job on the "local" connection, for tests that run jobs against the emulator. */
export const SURVEY_JOB = {
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c',
  dateField: 'CreatedDate',
};

/** A daily time twelve hours away, so no scheduled time can pass while the test runs. */
export function dailyFarFromNow(extra: object = {}) {
  const at = new Date(Date.now() + 12 * 3_600_000);
  const startsOn = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return { mode: 'incremental', frequency: 'daily', startsOn, timezone: 'UTC', ...extra };
}

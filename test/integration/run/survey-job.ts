/** A feedback job over the emulator's survey responses, for run tests; `extra` adds or overrides keys. */
export function surveyJob(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Survey comments',
    project: 'Customer Care',
    connection: 'local',
    feedbackType: 'feedback',
    query: 'SELECT Id, Score__c, Comment__c, Channel__c, CreatedDate FROM Survey_Response__c',
    dateField: 'CreatedDate',
    ...extra,
  };
}

/** The feedback job the end-to-end and memory benchmarks run: survey responses, four mapped fields, no text rules. */
export const SURVEY_JOB = {
  name: 'Survey comments',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Name, Score__c, Comment__c, Channel__c, CreatedDate FROM Survey_Response__c',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Channel__c', type: 'text' }, { source: 'Name', type: 'text' }, { source: 'Comment__c', type: 'verbatim' }] },
};

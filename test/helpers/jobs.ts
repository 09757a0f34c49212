/** A job that passes every offline check: Case comments through the local connection. */
export const CLEAN_CASE_JOB = {
  name: 'Case comments',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Subject, Description, CreatedDate FROM Case',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Subject', type: 'text' }, { source: 'Description', type: 'verbatim' }] },
};

/** The same job reading groups instead of records: an error (soql-group-by) that must stop a CI gate. */
export const GROUPED_CASE_JOB = { ...CLEAN_CASE_JOB, name: 'Grouped', query: 'SELECT Status, COUNT(Id) FROM Case GROUP BY Status' };

/**
 * A large but valid job: a ~20 KB query selecting ~700 fields and 1,000 mapped fields (the most the
 * schema allows), the size the issue asks validation to handle under 25 ms.
 */
export function largeJobText(): string {
  const selected = ['Id', 'Name', 'CreatedDate', 'Submitted_At__c'];
  for (let i = 0; selected.join(', ').length < 20_000; i++) selected.push(`Survey_Question_${String(i).padStart(4, '0')}__c`);
  const query = `SELECT ${selected.join(', ')} FROM Survey_Response__c WHERE Channel__c != null`;
  const custom = selected.slice(4);
  const fields = Array.from({ length: 1000 }, (_, i) => ({
    source: custom[i % custom.length],
    name: `q_${i}`,
    type: i % 3 === 0 ? 'verbatim' : i % 3 === 1 ? 'text' : 'number',
  }));
  const job = {
    $schema: '../schemas/sfjob.schema.json',
    name: 'Large survey',
    project: 'Customer Care',
    connection: 'local',
    feedbackType: 'feedback',
    query,
    dateField: 'Submitted_At__c',
    mapping: { natural_id: 'Id', fields },
    redactions: ['[\\w.+-]+@[\\w-]+\\.[\\w.]+', '\\+?\\d[\\d ()-]{7,}\\d'],
    filter: 'NOT ISBLANK(Name)',
  };
  return JSON.stringify(job, null, 2);
}

import assert from 'node:assert/strict';
import { createOrg } from '../../../../src/emulator/org/create';

/** The objects and fields the examples workspace and other tests rely on. */
const REQUIRED: Record<string, string[]> = {
  Survey_Response__c: ['Id', 'Name', 'Score__c', 'Comment__c', 'Channel__c', 'Submitted_At__c', 'Case__c', 'Contact__c', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'],
  Case: ['Id', 'CaseNumber', 'Subject', 'Description', 'Status', 'Origin', 'Priority', 'AccountId', 'ContactId', 'OwnerId', 'CreatedDate', 'ClosedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'],
  LiveChatTranscript: ['Id', 'Name', 'Body', 'ChatDuration', 'StartTime', 'EndTime', 'Status', 'CaseId', 'ChatKey', 'EndedBy', 'OwnerId', 'OperatorMessageCount', 'VisitorMessageCount', 'WaitTime', 'Abandoned', 'IsChatbotSession', 'ContactId', 'LeadId', 'AccountId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'],
  MessagingSession: ['Id', 'Name', 'Status', 'StartTime', 'EndTime', 'CaseId', 'ChannelType', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
  ConversationEntry: ['Id', 'ConversationId', 'ActorType', 'ActorName', 'ActorId', 'EntryType', 'Message', 'EntryTime', 'Seq', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
  User: ['Id', 'Name', 'Username', 'Email', 'IsActive', 'CreatedDate'],
  Account: ['Id', 'Name'],
  Contact: ['Id', 'FirstName', 'LastName', 'Name', 'Email', 'Phone', 'AccountId'],
};

const TYPES: Record<string, string> = {
  'Survey_Response__c.Score__c': 'double',
  'Survey_Response__c.Comment__c': 'textarea',
  'Survey_Response__c.Channel__c': 'picklist',
  'Survey_Response__c.Submitted_At__c': 'datetime',
  'Survey_Response__c.Case__c': 'reference',
  'LiveChatTranscript.Body': 'textarea',
  'ConversationEntry.ConversationId': 'reference',
};

describe('emulator describes', () => {
  let org: ReturnType<typeof createOrg>;
  before(() => {
    org = createOrg({ seed: 1, now: new Date('2026-03-10T12:00:00Z'), records: { cases: 1, chats: 1, sms: 1, surveys: 1 } });
  });

  it('have every object and field the examples use', () => {
    for (const [objectName, fields] of Object.entries(REQUIRED)) {
      const describe = org.describe(objectName);
      assert.ok(describe, `${objectName} is described`);
      const names = new Set(describe.fields.map((f) => f.name));
      for (const field of fields) assert.ok(names.has(field), `${objectName}.${field} is described`);
    }
    for (const [path, type] of Object.entries(TYPES)) {
      const [objectName, fieldName] = path.split('.') as [string, string];
      assert.equal(org.describe(objectName)!.fields.find((f) => f.name === fieldName)!.type, type, path);
    }
  });

  it('give each reference its relationship name and target, and each parent the matching child relationship', () => {
    for (const describe of org.describeGlobal()) {
      for (const field of describe.fields.filter((f) => f.type === 'reference')) {
        assert.ok(field.relationshipName, `${describe.name}.${field.name} has a relationship name`);
        assert.ok((field.referenceTo?.length ?? 0) >= 1);
        for (const target of field.referenceTo!) {
          const parent = org.describe(target);
          if (!parent) continue;
          assert.ok(parent.childRelationships!.some((r) => r.childSObject === describe.name && r.field === field.name), `${parent.name} lists ${describe.name}.${field.name}`);
        }
      }
    }
  });

  it('store only fields their describe lists', () => {
    for (const describe of org.describeGlobal()) {
      const names = new Set(describe.fields.map((f) => f.name));
      for (const row of org.rows(describe.name)) {
        for (const key of Object.keys(row)) assert.ok(names.has(key), `${describe.name} row has undescribed field ${key}`);
      }
    }
  });

  it('mark long text areas as neither filterable, sortable nor groupable', () => {
    for (const describe of org.describeGlobal()) {
      for (const field of describe.fields.filter((f) => f.type === 'textarea' && (f.length ?? 0) > 255)) {
        assert.deepEqual([field.filterable, field.sortable, field.groupable], [false, false, false], `${describe.name}.${field.name}`);
      }
    }
  });
});

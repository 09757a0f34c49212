import { describeSourceOf, type DescribeSource } from '../../../../../src/core/describe';
import { buildDescribes } from '../../../../../src/emulator/org/describe/build';
import { OBJECT_DEFINITIONS } from '../../../../../src/emulator/org/describe/objects';

/** The emulator org's describe data, as a cache filled by "sfjob describe" would hold it. */
export function emulatorDescribe(objects?: readonly string[], absent: readonly string[] = []): DescribeSource {
  const all = buildDescribes(OBJECT_DEFINITIONS);
  return describeSourceOf(objects ? all.filter((o) => objects.includes(o.name)) : all, absent);
}

/** A chat job over LiveChatTranscript; tests change one thing at a time. */
export const CHAT_JOB = {
  name: 'Chats',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'chat',
  query: 'SELECT Id, Body, ChatDuration, Status, StartTime, CreatedDate, IsChatbotSession FROM LiveChatTranscript',
  dateField: 'CreatedDate',
};

/** Action.Execute verbs and message-extension command ids: the contract between cards and handlers. */
export const VERB = {
  chooseTeam: 'chooseTeam',
  fileRequest: 'fileRequest',
  take: 'take',
  assign: 'assign',
  defer: 'defer',
  wait: 'waitOn',
  resolve: 'resolve',
  requesterUpdates: 'requesterUpdates',
  cancelRequest: 'cancelRequest',
} as const;

export const TRIAGE_VERBS = [VERB.take, VERB.assign, VERB.defer, VERB.wait, VERB.resolve] as const;
export type TriageVerb = (typeof TRIAGE_VERBS)[number];

export const COMMAND = { turnIntoRequest: 'turnIntoRequest' } as const;

/** MessageRef purposes this adapter records (see ports.ts MessageRefStore). */
export const PURPOSE = {
  triageCard: 'triage_card',
  threadNote: 'thread_note',
  slaAlert: 'sla_alert',
  requesterNote: 'requester_note',
} as const;

/** ConversationRefStore keys. */
export const REF_KEY = {
  user: (aadObjectId: string) => `user:${aadObjectId}`,
  member: (aadObjectId: string) => `member:${aadObjectId}`,
  channel: (channelId: string) => `channel:${channelId}`,
  bot: 'bot',
  teams: 'teams',
} as const;

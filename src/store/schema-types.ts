// Generated from prisma/models.prisma by scripts/prisma-generate.ts (prisma-kysely): do not edit.

import type { ColumnType } from 'kysely';
export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U>
    ? ColumnType<S, I | undefined, U>
    : ColumnType<T, T | undefined, T>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type ConversationRef = {
  id: Generated<number>;
  platform: string;
  key: string;
  reference: string;
  updatedAt: Timestamp;
};
export type Digest = {
  id: Generated<number>;
  teamId: string;
  week: string;
  data: string;
  createdAt: Generated<Timestamp>;
};
export type IdempotencyKey = {
  key: string;
  /**
   * What the first handling produced (e.g. the request id), returned again to a repeat.
   */
  result: string | null;
  createdAt: Timestamp;
};
export type ImportanceVote = {
  id: Generated<number>;
  teamId: string;
  personId: string;
  role: string;
  poll: string;
  dimension: string;
  at: Timestamp;
};
export type Job = {
  id: Generated<number>;
  kind: string;
  payload: string;
  idempotencyKey: string;
  /**
   * Jobs sharing a key run one at a time, in id order (e.g. the DMs about one request).
   */
  orderingKey: string | null;
  status: string;
  dueAt: Timestamp;
  attempts: Generated<number>;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: Timestamp | null;
  lastError: string | null;
  createdAt: Timestamp;
  finishedAt: Timestamp | null;
};
export type MessageRef = {
  id: Generated<number>;
  purpose: string;
  subjectId: string;
  platform: string;
  channel: string;
  messageId: string;
  requestId: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Timestamp;
};
export type Person = {
  id: string;
  platform: string;
  platformUserId: string;
  name: string;
  timezone: string | null;
  locale: string | null;
  /**
   * Which request changes the person is told of as a requester: every_change | resolved_or_deferred.
   */
  notifyOn: Generated<string>;
  createdAt: Generated<Timestamp>;
  updatedAt: Timestamp;
};
export type Request = {
  id: string;
  ref: string;
  teamId: string;
  requesterId: string;
  category: string;
  location: string | null;
  priority: string;
  description: string;
  neededByChoice: string;
  neededBy: Timestamp | null;
  status: string;
  waitingOn: string | null;
  waitingNote: string | null;
  assigneeId: string | null;
  deferredUntil: Timestamp | null;
  deferReason: string | null;
  resolution: string | null;
  sourcePlatform: string;
  sourceEntry: string;
  sourcePermalink: string | null;
  filedAt: Timestamp;
  acknowledgedAt: Timestamp | null;
  startedAt: Timestamp | null;
  resolvedAt: Timestamp | null;
  closedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  reopenCount: Generated<number>;
  ackMinutes: number | null;
  resolveMinutes: number | null;
  ackWithinSla: boolean | null;
  resolveWithinSla: boolean | null;
  neededByTighter: Generated<boolean>;
  slaAckDueAt: Timestamp | null;
  slaResolveDueAt: Timestamp | null;
  version: Generated<number>;
  updatedAt: Timestamp;
};
export type RequestEvent = {
  id: Generated<number>;
  requestId: string;
  at: Timestamp;
  actorId: string | null;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  data: Generated<string>;
};
export type RequestPromise = {
  id: Generated<number>;
  requestId: string;
  teamId: string;
  kind: string;
  madeAt: Timestamp;
  dueAt: Timestamp;
  settledAt: Timestamp | null;
  /**
   * kept | missed | moved (re-promised later) | void (cancelled)
   */
  outcome: string | null;
  /**
   * How late it was kept or how far it moved, in minutes; 0 when kept.
   */
  slipMinutes: number | null;
};
export type Survey = {
  id: string;
  requestId: string;
  round: number;
  teamId: string;
  requesterId: string;
  dimension: string | null;
  week: string;
  status: string;
  skipReason: string | null;
  scheduledFor: Timestamp;
  sentAt: Timestamp | null;
  remindedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  answeredAt: Timestamp | null;
  score: number | null;
  shortfall: string | null;
  comment: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Timestamp;
};
export type SurveyAnswer = {
  id: Generated<number>;
  surveyId: string;
  kind: string;
  value: string;
  at: Timestamp;
};
export type Team = {
  id: string;
  name: string;
  prefix: string;
  timezone: string;
  nextRef: Generated<number>;
  createdAt: Generated<Timestamp>;
  updatedAt: Timestamp;
};
export type DB = {
  conversationRefs: ConversationRef;
  digests: Digest;
  idempotencyKeys: IdempotencyKey;
  importanceVotes: ImportanceVote;
  jobs: Job;
  messageRefs: MessageRef;
  people: Person;
  requestEvents: RequestEvent;
  requestPromises: RequestPromise;
  requests: Request;
  surveyAnswers: SurveyAnswer;
  surveys: Survey;
  teams: Team;
};

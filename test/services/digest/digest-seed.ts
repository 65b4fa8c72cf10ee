import type { Db } from '../../../src/store/database.js';

/**
 * A small week of facilities data (2026-W47, London = UTC in November) whose every digest
 * figure is worked out by hand in the tests. Rows are written directly: the digest reads the
 * columns the services set (minutes, SLA verdicts, promises), so this pins the SQL, not them.
 */
export const SEED_WEEK = '2026-W47';
export const SEED_NOW = new Date('2026-11-23T09:00:00Z');

type Req = {
  id: string;
  team?: string;
  priority: string;
  category: string;
  location: string | null;
  filed: string;
  ack?: [string, number, boolean];
  resolved?: [string, number, boolean];
  tighter?: boolean;
  cancelled?: string;
};

const D = (iso: string) => new Date(`${iso}Z`);

const REQUESTS: Req[] = [
  // This week (W47): six normal-ish requests handled, two left open.
  {
    id: 'r1',
    priority: 'normal',
    category: 'HVAC',
    location: 'HQ Floor 1',
    filed: '2026-11-16T09:15:00',
    ack: ['2026-11-16T09:25:00', 10, true],
    resolved: ['2026-11-16T12:15:00', 180, true],
  },
  {
    id: 'r2',
    priority: 'normal',
    category: 'HVAC',
    location: 'HQ Floor 1',
    filed: '2026-11-16T09:40:00',
    ack: ['2026-11-16T10:00:00', 20, true],
    resolved: ['2026-11-17T10:00:00', 600, true],
    tighter: true,
  },
  {
    id: 'r3',
    priority: 'normal',
    category: 'Cleaning',
    location: 'HQ Floor 2',
    filed: '2026-11-17T14:05:00',
    ack: ['2026-11-17T14:35:00', 30, true],
    resolved: ['2026-11-18T15:00:00', 900, true],
  },
  {
    id: 'r4',
    priority: 'normal',
    category: 'Cleaning',
    location: 'Warehouse',
    filed: '2026-11-18T10:00:00',
    ack: ['2026-11-18T10:40:00', 40, true],
    resolved: ['2026-11-20T16:00:00', 1500, false],
  },
  {
    id: 'r5',
    priority: 'normal',
    category: 'Electrical',
    location: 'Warehouse',
    filed: '2026-11-19T09:10:00',
    ack: ['2026-11-19T10:00:00', 50, true],
    resolved: ['2026-11-21T12:00:00', 2000, false],
  },
  {
    id: 'r6',
    priority: 'urgent',
    category: 'Electrical',
    location: 'HQ Floor 1',
    filed: '2026-11-19T09:20:00',
    ack: ['2026-11-19T10:20:00', 60, false],
    resolved: ['2026-11-19T15:00:00', 300, false],
    tighter: true,
  },
  { id: 'r7', priority: 'high', category: 'Plumbing', location: null, filed: '2026-11-20T16:30:00' },
  { id: 'r8', priority: 'low', category: 'Other', location: null, filed: '2026-11-21T11:00:00' },
  // Last week (W46): eight handled, all acknowledged in time, seven resolved in time; one still open.
  ...Array.from(
    { length: 8 },
    (_, i): Req => ({
      id: `p${i + 1}`,
      priority: 'normal',
      category: 'HVAC',
      location: 'HQ Floor 1',
      filed: `2026-11-${String(9 + (i % 5)).padStart(2, '0')}T10:00:00`,
      ack: [`2026-11-${String(9 + (i % 5)).padStart(2, '0')}T11:00:00`, 60, true],
      ...(i < 7
        ? { resolved: [`2026-11-${String(9 + (i % 5)).padStart(2, '0')}T16:00:00`, 360, i !== 0] }
        : {}),
    }),
  ),
  // Cancelled in W46: never open at any week end after.
  {
    id: 'c1',
    priority: 'normal',
    category: 'Other',
    location: null,
    filed: '2026-11-10T10:00:00',
    cancelled: '2026-11-10T12:00:00',
  },
  // Another team in the same week must not leak in.
  {
    id: 'x1',
    team: 'it',
    priority: 'normal',
    category: 'Laptop',
    location: null,
    filed: '2026-11-16T15:00:00',
    ack: ['2026-11-16T15:10:00', 10, false],
  },
];

type Survey = [
  id: string,
  week: string,
  dimension: string | null,
  status: string,
  score?: number,
  shortfall?: string,
  comment?: string,
  answeredAt?: string,
  skip?: string,
];

const SURVEYS: Survey[] = [
  [
    's1',
    'W47',
    'reliability',
    'answered',
    -2,
    'resources',
    'Waited three days for a part',
    '2026-11-20T10:00:00',
  ],
  ['s2', 'W47', 'reliability', 'answered', -1, 'resources', 'Nobody told me when', '2026-11-20T11:00:00'],
  ['s3', 'W47', 'reliability', 'answered', -1, 'response', undefined, '2026-11-20T12:00:00'],
  ['s4', 'W47', 'reliability', 'answered', 0],
  ['s5', 'W47', 'reliability', 'answered', -1, 'resources', undefined, '2026-11-20T13:00:00'],
  ['s6', 'W47', 'responsiveness', 'answered', 1],
  ['s7', 'W47', 'responsiveness', 'answered', 0],
  ['s8', 'W47', 'responsiveness', 'answered', 0],
  ['s9', 'W47', 'responsiveness', 'answered', 1],
  [
    's10',
    'W47',
    'responsiveness',
    'answered',
    -1,
    'response',
    'Slow reply <!channel> *again*',
    '2026-11-21T11:00:00',
  ],
  ['s11', 'W47', 'responsiveness', 'answered', 0],
  ['s12', 'W47', 'assurance', 'answered', 2],
  ['s13', 'W47', 'assurance', 'answered', 1],
  ['s14', 'W47', 'empathy', 'answered', 0],
  ['s15', 'W47', 'empathy', 'answered', 0],
  ['s16', 'W47', 'empathy', 'answered', 1],
  ['s17', 'W47', 'empathy', 'answered', -1, 'respect', 'Felt brushed off', '2026-11-21T10:00:00'],
  ['s18', 'W47', 'empathy', 'answered', 0],
  ['s19', 'W47', 'tangibles', 'expired'],
  ['s20', 'W47', 'tangibles', 'expired'],
  ['s21', 'W47', 'tangibles', 'sent'],
  ['s22', 'W47', null, 'skipped', undefined, undefined, undefined, undefined, 'requester_is_team_member'],
  ['s23', 'W47', null, 'skipped', undefined, undefined, undefined, undefined, 'requester_is_team_member'],
  ['s24', 'W47', null, 'skipped', undefined, undefined, undefined, undefined, 'fatigue_cap'],
  [
    's25',
    'W47',
    'reliability',
    'not_fixed',
    undefined,
    undefined,
    'Radiator still cold',
    '2026-11-19T15:00:00',
  ],
  ...[0, 0, 1, 0, 0].map((score, i): Survey => [`q${i}`, 'W46', 'reliability', 'answered', score]),
  ...[0, 1, 1, 0, 1].map((score, i): Survey => [`q${i + 5}`, 'W46', 'responsiveness', 'answered', score]),
  ...[1, 1, 0, 1, 1].map((score, i): Survey => [`q${i + 10}`, 'W46', 'empathy', 'answered', score]),
];

export async function seedDigestWeek(db: Db): Promise<void> {
  // The time of writing, as Prisma's @updatedAt set it; no digest figure reads it.
  const updatedAt = new Date();
  await db
    .insertInto('people')
    .values([
      { id: 'pa', platform: 'slack', platformUserId: 'U0ANN', name: 'Ann Example', updatedAt },
      { id: 'pb', platform: 'slack', platformUserId: 'U0BOB', name: 'Bob Example', updatedAt },
    ])
    .execute();
  await db
    .insertInto('requests')
    .values(
      REQUESTS.map((r, i) => ({
        id: r.id,
        ref: `REF-${i + 1}`,
        teamId: r.team ?? 'facilities',
        requesterId: 'pa',
        category: r.category,
        location: r.location,
        priority: r.priority,
        description: 'seeded',
        neededByChoice: 'no_rush',
        status: r.cancelled ? 'cancelled' : r.resolved ? 'resolved' : r.ack ? 'acknowledged' : 'open',
        sourcePlatform: 'slack',
        sourceEntry: 'slash_command',
        filedAt: D(r.filed),
        acknowledgedAt: r.ack ? D(r.ack[0]) : null,
        ackMinutes: r.ack?.[1] ?? null,
        ackWithinSla: r.ack?.[2] ?? null,
        resolvedAt: r.resolved ? D(r.resolved[0]) : null,
        resolveMinutes: r.resolved?.[1] ?? null,
        resolveWithinSla: r.resolved?.[2] ?? null,
        cancelledAt: r.cancelled ? D(r.cancelled) : null,
        neededByTighter: r.tighter ?? false,
        updatedAt,
      })),
    )
    .execute();
  const event = (requestId: string, at: string, type: string, toStatus: string, data: object = {}) => ({
    requestId,
    at: D(at),
    type,
    toStatus,
    data: JSON.stringify(data),
  });
  await db
    .insertInto('requestEvents')
    .values([
      // r5 waited on a part from Sunday noon of W46: 12 h of it fall in W47.
      event('r5', '2026-11-15T12:00:00', 'waiting', 'waiting', { on: 'resources' }),
      event('r5', '2026-11-16T12:00:00', 'started', 'in_progress'),
      event('r5', '2026-11-19T13:00:00', 'deferred', 'deferred', {
        until: '2026-11-20',
        reason: 'no budget',
      }),
      // r4 waited 24 h; an assignment while waiting does not end the wait.
      event('r4', '2026-11-18T12:00:00', 'waiting', 'waiting', { on: 'resources' }),
      event('r4', '2026-11-18T15:00:00', 'assigned', 'waiting', { assigneeId: 'pb' }),
      event('r4', '2026-11-19T12:00:00', 'started', 'in_progress'),
      // r2 waited on the requester: not a resources wait.
      event('r2', '2026-11-16T11:00:00', 'waiting', 'waiting', { on: 'requester' }),
      event('r2', '2026-11-16T15:00:00', 'started', 'in_progress'),
      // A deferral last week does not count this week.
      event('p1', '2026-11-10T12:00:00', 'deferred', 'deferred', { until: '2026-11-11', reason: 'x' }),
    ])
    .execute();
  const promise = (requestId: string, kind: string, settled: string, outcome: string, slip: number) => ({
    requestId,
    teamId: 'facilities',
    kind,
    madeAt: D('2026-11-16T00:00:00'),
    dueAt: D('2026-11-16T00:00:00'),
    settledAt: D(settled),
    outcome,
    slipMinutes: slip,
  });
  await db
    .insertInto('requestPromises')
    .values([
      ...['r1', 'r2', 'r3', 'r4', 'r5'].map((id) =>
        promise(id, 'acknowledge', '2026-11-18T10:40:00', 'kept', 0),
      ),
      promise('r6', 'acknowledge', '2026-11-19T10:20:00', 'missed', 45),
      promise('r4', 'resolve_by', '2026-11-20T16:00:00', 'missed', 120),
      promise('r5', 'resolve_by', '2026-11-19T13:00:00', 'moved', 1440),
      promise('r7', 'resolve_by', '2026-11-20T17:00:00', 'void', 0),
      ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) =>
        promise(id, 'acknowledge', '2026-11-11T11:00:00', 'kept', 0),
      ),
    ])
    .execute();
  await db
    .insertInto('surveys')
    .values(
      SURVEYS.map(([id, week, dimension, status, score, shortfall, comment, answeredAt, skip]) => ({
        id,
        requestId: 'r1',
        round: Number(id.slice(1)) + (id.startsWith('q') ? 100 : 0),
        teamId: 'facilities',
        requesterId: 'pa',
        dimension,
        week: `2026-${week}`,
        status,
        skipReason: skip ?? null,
        scheduledFor: D('2026-11-19T09:00:00'),
        sentAt: status === 'skipped' ? null : D('2026-11-19T09:00:00'),
        answeredAt:
          status === 'answered' || status === 'not_fixed' ? D(answeredAt ?? '2026-11-19T12:00:00') : null,
        score: score ?? null,
        shortfall: shortfall ?? null,
        comment: comment ?? null,
        updatedAt,
      })),
    )
    .execute();
  const votes = (role: string, poll: string, counts: Record<string, number>, at: string) =>
    Object.entries(counts).flatMap(([dimension, n]) =>
      Array.from({ length: n }, (_, i) => ({
        dimension,
        role,
        poll,
        at: D(at),
        key: `${role}-${poll}-${dimension}-${i}`,
      })),
    );
  const allVotes = [
    ...votes(
      'requester',
      '2026-Q4',
      { reliability: 4, responsiveness: 3, assurance: 2, empathy: 1 },
      '2026-10-05T10:00:00',
    ),
    ...votes('requester', '2026-Q3', { tangibles: 9 }, '2026-07-05T10:00:00'),
    ...votes('leader', '2026-Q4', { tangibles: 3, reliability: 1, responsiveness: 1 }, '2026-10-05T10:00:00'),
    // After the week's end: ignored.
    ...votes('leader', '2027-Q1', { empathy: 5 }, '2027-01-05T10:00:00'),
  ];
  await db
    .insertInto('people')
    .values(
      allVotes.map((v) => ({ id: v.key, platform: 'slack', platformUserId: v.key, name: v.key, updatedAt })),
    )
    .execute();
  await db
    .insertInto('importanceVotes')
    .values(
      allVotes.map((v) => ({
        teamId: 'facilities',
        personId: v.key,
        role: v.role,
        poll: v.poll,
        dimension: v.dimension,
        at: v.at,
      })),
    )
    .execute();
}

import type { Db } from '../../../src/store/database.js';

/**
 * Four weeks of facilities history (Europe/London) whose every trend figure is worked out by
 * hand in history.test.ts. W43 is still summer time (a request filed Monday 00:30 BST is Sunday
 * 23:30 UTC: W43 locally, W42 in UTC), W44 is quiet, W45 busy, W46 has one request.
 * Rows are written directly, with the columns the services set.
 */
export const HISTORY_NOW = new Date('2026-11-16T09:00:00Z');

type Req = {
  id: string;
  team?: string;
  filed: string;
  ack?: [string, boolean];
  resolved?: [string, boolean];
  cancelled?: string;
  tighter?: boolean;
};

const Z = (iso: string) => new Date(`${iso}Z`);

const REQUESTS: Req[] = [
  // W43 (19–25 Oct, BST): five filed, all acknowledged (one late), three resolved (one late).
  {
    id: 'h1',
    filed: '2026-10-18T23:30:00',
    ack: ['2026-10-19T08:00:00', true],
    resolved: ['2026-10-19T12:00:00', true],
    tighter: true,
  },
  {
    id: 'h2',
    filed: '2026-10-20T09:00:00',
    ack: ['2026-10-20T09:30:00', true],
    resolved: ['2026-10-21T09:00:00', true],
  },
  {
    id: 'h3',
    filed: '2026-10-20T10:00:00',
    ack: ['2026-10-20T15:00:00', false],
    resolved: ['2026-10-22T10:00:00', false],
    tighter: true,
  },
  {
    id: 'h4',
    filed: '2026-10-21T10:00:00',
    ack: ['2026-10-21T10:20:00', true],
    resolved: ['2026-11-03T10:00:00', true],
  },
  {
    id: 'h5',
    filed: '2026-10-22T10:00:00',
    ack: ['2026-10-22T10:10:00', true],
    resolved: ['2026-11-04T10:00:00', true],
  },
  // W44 (26 Oct – 1 Nov): nothing happens; h4 and h5 stay open.
  // W45 (2–8 Nov): seven filed (one cancelled), six acknowledged in time, six resolved (h4, h5 and four new; one late).
  {
    id: 'h6',
    filed: '2026-11-02T09:00:00',
    ack: ['2026-11-02T09:10:00', true],
    resolved: ['2026-11-02T12:00:00', true],
    tighter: true,
  },
  {
    id: 'h7',
    filed: '2026-11-02T10:00:00',
    ack: ['2026-11-02T10:10:00', true],
    resolved: ['2026-11-03T12:00:00', true],
  },
  {
    id: 'h8',
    filed: '2026-11-03T10:00:00',
    ack: ['2026-11-03T10:10:00', true],
    resolved: ['2026-11-04T12:00:00', true],
  },
  {
    id: 'h9',
    filed: '2026-11-04T10:00:00',
    ack: ['2026-11-04T10:10:00', true],
    resolved: ['2026-11-06T12:00:00', false],
  },
  { id: 'h10', filed: '2026-11-05T10:00:00', ack: ['2026-11-05T10:10:00', true] },
  { id: 'h11', filed: '2026-11-06T10:00:00', ack: ['2026-11-06T10:10:00', true] },
  { id: 'h12', filed: '2026-11-07T10:00:00', cancelled: '2026-11-07T11:00:00' },
  // W46 (9–15 Nov): one filed, acknowledged late.
  { id: 'h13', filed: '2026-11-10T10:00:00', ack: ['2026-11-10T16:00:00', false] },
  // Another team the same weeks: never counted.
  { id: 'x1', team: 'it', filed: '2026-11-02T15:00:00', ack: ['2026-11-02T15:10:00', false], tighter: true },
  { id: 'x2', team: 'it', filed: '2026-10-01T15:00:00' },
];

/** [request, week, dimension, status, score] */
const SURVEYS: [string, string, string, string, number | null][] = [
  ...[-1, 0, 0, 1, -2].map((s, i): [string, string, string, string, number] => [
    `h${i + 1}`,
    '2026-W43',
    'reliability',
    'answered',
    s,
  ]),
  ...[1, 2, 0].map((s, i): [string, string, string, string, number] => [
    `h${i + 1}`,
    '2026-W43',
    'responsiveness',
    'answered',
    s,
  ]),
  ...[1, 1, 0, 1, 2, 1].map((s, i): [string, string, string, string, number] => [
    `h${i + 4}`,
    '2026-W45',
    'empathy',
    'answered',
    s,
  ]),
  ['h10', '2026-W45', 'reliability', 'not_fixed', null],
  ['h11', '2026-W45', 'tangibles', 'expired', null],
  ['x1', '2026-W45', 'empathy', 'answered', -2],
];

export async function seedHistory(db: Db): Promise<void> {
  const updatedAt = new Date();
  await db
    .insertInto('people')
    .values([{ id: 'pa', platform: 'slack', platformUserId: 'U0ANN', name: 'Ann Example', updatedAt }])
    .execute();
  await db
    .insertInto('requests')
    .values(
      REQUESTS.map((r, i) => ({
        id: r.id,
        ref: `H-${i + 1}`,
        teamId: r.team ?? 'facilities',
        requesterId: 'pa',
        category: 'HVAC',
        location: null,
        priority: 'normal',
        description: 'seeded',
        neededByChoice: 'today',
        status: r.cancelled ? 'cancelled' : r.resolved ? 'resolved' : r.ack ? 'acknowledged' : 'open',
        sourcePlatform: 'slack',
        sourceEntry: 'slash_command',
        filedAt: Z(r.filed),
        acknowledgedAt: r.ack ? Z(r.ack[0]) : null,
        ackWithinSla: r.ack?.[1] ?? null,
        resolvedAt: r.resolved ? Z(r.resolved[0]) : null,
        resolveWithinSla: r.resolved?.[1] ?? null,
        cancelledAt: r.cancelled ? Z(r.cancelled) : null,
        neededByTighter: r.tighter ?? false,
        updatedAt,
      })),
    )
    .execute();
  const promise = (
    requestId: string,
    kind: string,
    settled: string,
    outcome: string,
    teamId = 'facilities',
  ) => ({
    requestId,
    teamId,
    kind,
    madeAt: Z('2026-11-02T00:00:00'),
    dueAt: Z('2026-11-02T00:00:00'),
    settledAt: Z(settled),
    outcome,
    slipMinutes: outcome === 'kept' ? 0 : 60,
  });
  await db
    .insertInto('requestPromises')
    .values([
      // W45: five kept, one missed, one void (left out): 5 of 6 kept.
      ...['h6', 'h7', 'h8', 'h9', 'h10'].map((id) =>
        promise(id, 'acknowledge', '2026-11-05T10:00:00', 'kept'),
      ),
      promise('h9', 'resolve_by', '2026-11-06T12:00:00', 'missed'),
      promise('h11', 'resolve_by', '2026-11-06T12:00:00', 'void'),
      promise('x1', 'acknowledge', '2026-11-05T10:00:00', 'missed', 'it'),
    ])
    .execute();
  await db
    .insertInto('surveys')
    .values(
      SURVEYS.map(([requestId, week, dimension, status, score], i) => ({
        id: `s${i + 1}`,
        requestId,
        round: i + 1,
        teamId: requestId.startsWith('x') ? 'it' : 'facilities',
        requesterId: 'pa',
        dimension,
        week,
        status,
        scheduledFor: Z('2026-11-01T09:00:00'),
        sentAt: Z('2026-11-01T09:00:00'),
        answeredAt: status === 'answered' || status === 'not_fixed' ? Z('2026-11-01T12:00:00') : null,
        score,
        updatedAt,
      })),
    )
    .execute();
  // Requesters vote empathy five times in W45 (enough to weight by votes from then on); two
  // leader votes for reliability that week; a later poll after the history's end is ignored.
  const voters = [
    ...Array.from({ length: 5 }, (_, i) => ['requester', `v${i}`, 'empathy', '2026-11-04T10:00:00']),
    ['leader', 'l1', 'reliability', '2026-11-04T11:00:00'],
    ['leader', 'l2', 'reliability', '2026-11-08T23:59:00'],
    ['requester', 'v9', 'tangibles', '2026-11-20T10:00:00'],
  ] as const;
  await db
    .insertInto('people')
    .values(voters.map(([, id]) => ({ id, platform: 'slack', platformUserId: id, name: id, updatedAt })))
    .execute();
  await db
    .insertInto('importanceVotes')
    .values(
      voters.map(([role, personId, dimension, at]) => ({
        teamId: 'facilities',
        personId,
        role,
        poll: at.startsWith('2026-11-2') ? '2027-Q1' : '2026-Q4',
        dimension,
        at: Z(at),
      })),
    )
    .execute();
}

import type { RequestEventType, ServiceRequest } from '../domain/request.js';
import type { SlaStatus } from '../domain/sla-clock.js';
import type { Team } from '../domain/team.js';
import { triagePlatforms } from '../domain/team-access.js';
import type { JobKind, JobPayload } from '../jobs/job-kinds.js';
import type { EnqueueInput } from '../jobs/queue.js';
import type { Store } from '../store/database.js';
import type { ServiceDeps } from './service-deps.js';

/** Events the requester hears about without asking. Priority changes are the team's business. */
const TOLD_TO_REQUESTER: ReadonlySet<RequestEventType> = new Set([
  'filed',
  'acknowledged',
  'taken',
  'assigned',
  'started',
  'waiting',
  'deferred',
  'resolved',
  'reopened',
  'cancelled',
]);

type JobOptions = { idempotencyKey: string; dueAt?: Date; orderingKey?: string };

/** One job of a kind with its payload, type-checked. */
function job<K extends JobKind>(kind: K, payload: JobPayload<K>, options: JobOptions): EnqueueInput {
  return { kind, payload, ...options };
}

export async function enqueueJob<K extends JobKind>(
  deps: ServiceDeps,
  tx: Store,
  kind: K,
  payload: JobPayload<K>,
  options: JobOptions,
): Promise<boolean> {
  return deps.queue.enqueue(tx, job(kind, payload, options), deps.clock.now());
}

/**
 * What must be said after a request changed, as jobs enqueued in the same transaction as the
 * change (one statement): the requester's DM, the triage card on every connected platform, and SLA checks at
 * the moments the 80 % warning and the breach fall due.
 */
export async function enqueueRequestEffects(
  deps: ServiceDeps,
  tx: Store,
  team: Team,
  request: ServiceRequest,
  event: { id: number; type: RequestEventType },
  sla: SlaStatus,
): Promise<void> {
  const jobs: EnqueueInput[] = [];
  if (TOLD_TO_REQUESTER.has(event.type)) {
    jobs.push(
      job(
        'requester.notify',
        { requestId: request.id, eventId: event.id },
        {
          idempotencyKey: `requester.notify:${event.id}`,
          orderingKey: `request:${request.id}:requester`,
        },
      ),
    );
  }
  for (const platform of triagePlatforms(team).filter((p) => deps.platforms.includes(p))) {
    jobs.push(
      job(
        'triage.sync',
        { requestId: request.id, eventId: event.id, platform },
        {
          idempotencyKey: `triage.sync:${platform}:${event.id}`,
          orderingKey: `request:${request.id}:triage:${platform}`,
        },
      ),
    );
  }
  // Each resolution (first, or after a reopen) plans its own micro-survey.
  if (event.type === 'resolved' && request.resolvedAt) {
    jobs.push(
      job(
        'survey.plan',
        { requestId: request.id, round: request.reopenCount, resolvedAt: request.resolvedAt.toISOString() },
        // One plan at a time per team, so each sees the last one's dimension when counting the week.
        {
          idempotencyKey: `survey.plan:${request.id}:${request.reopenCount}`,
          orderingKey: `survey.plan:${team.id}`,
        },
      ),
    );
  }
  for (const clock of ['acknowledge', 'resolve'] as const) {
    const state = sla[clock];
    if (state.completedAt) continue;
    for (const [phase, at] of [
      ['warning', state.warnAt],
      ['breach', state.dueAt],
    ] as const) {
      // A new due time gets a new key; a check whose time has moved finds nothing to say when it runs.
      if (at) {
        jobs.push(
          job(
            'sla.check',
            { requestId: request.id, clock, phase },
            {
              idempotencyKey: `sla.check:${request.id}:${clock}:${phase}:${at.toISOString()}`,
              dueAt: at,
            },
          ),
        );
      }
    }
  }
  await deps.queue.enqueueAll(tx, jobs, deps.clock.now());
}

import type { Clock } from '../../clock.js';
import type { Platform } from '../../domain/request.js';
import { tellsRequester } from '../../domain/requester-updates.js';
import { slaPhase } from '../../domain/sla-clock.js';
import { triagePlatforms } from '../../domain/team-access.js';
import type { Notifier } from '../../ports.js';
import { loadRequestView, loadRequestViewAt } from '../../services/load-request-view.js';
import { requesterNotifyOn } from '../../services/requester-updates.js';
import type { TeamDirectory } from '../../services/service-deps.js';
import type { Store } from '../../store/database.js';
import { PermanentJobError } from '../job-errors.js';
import { jobPayloads } from '../job-kinds.js';
import type { JobQueue } from '../queue.js';
import { defineJob, type JobHandler } from '../worker.js';

export type RequestJobDeps = {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  teams: TeamDirectory;
  notifiers: Partial<Record<Platform, Notifier>>;
};

function notifierFor(deps: RequestJobDeps, platform: Platform): Notifier {
  const notifier = deps.notifiers[platform];
  // Not retryable: the platform is not configured in this deployment; an operator must act.
  if (!notifier)
    throw new PermanentJobError(`${platform} is not connected, so this message cannot be delivered`);
  return notifier;
}

/** The jobs that carry a request's changes to people: DMs, triage cards, SLA alerts. */
export function requestJobHandlers(deps: RequestJobDeps): JobHandler[] {
  return [
    defineJob({
      kind: 'requester.notify',
      schema: jobPayloads['requester.notify'],
      run: async ({ requestId, eventId }, delivery) => {
        const { view, event } = await loadRequestViewAt(deps, requestId, eventId, deps.clock.now());
        const notifyOn = await requesterNotifyOn(deps, view.requester.id);
        if (!tellsRequester(notifyOn, event.type)) return;
        await notifierFor(deps, view.requester.platform).notifyRequester(view, event, delivery, notifyOn);
      },
    }),
    defineJob({
      kind: 'triage.sync',
      schema: jobPayloads['triage.sync'],
      run: async ({ requestId, eventId, platform }, delivery) => {
        const { view, event } = await loadRequestViewAt(deps, requestId, eventId, deps.clock.now());
        await notifierFor(deps, platform).syncTriageCard(view, event, delivery);
      },
    }),
    defineJob({
      kind: 'sla.check',
      schema: jobPayloads['sla.check'],
      run: async ({ requestId, clock, phase }) => {
        const now = deps.clock.now();
        const view = await loadRequestView(deps, requestId, now);
        const state = view.sla[clock];
        // The check was scheduled for a moment that may have passed unremarkably: the request
        // was acknowledged, paused, or its priority moved the due time. Then there is nothing to say.
        if (slaPhase(state, now) !== phase || !state.dueAt) return;
        for (const platform of triagePlatforms(view.team).filter((p) => deps.notifiers[p])) {
          await deps.queue.enqueue(
            deps.store,
            {
              kind: 'sla.alert',
              payload: { requestId, clock, phase, platform, dueAt: state.dueAt.toISOString() },
              idempotencyKey: `sla.alert:${platform}:${requestId}:${clock}:${phase}`,
              orderingKey: `request:${requestId}:triage:${platform}`,
            },
            now,
          );
        }
      },
    }),
    defineJob({
      kind: 'sla.alert',
      schema: jobPayloads['sla.alert'],
      run: async ({ requestId, clock, phase, platform, dueAt }, delivery) => {
        const view = await loadRequestView(deps, requestId, deps.clock.now());
        const alert = { clock, phase, dueAt: new Date(dueAt) };
        await notifierFor(deps, platform).postSlaAlert(view, alert, delivery);
      },
    }),
  ];
}

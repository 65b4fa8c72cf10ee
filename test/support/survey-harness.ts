import { requestJobHandlers } from '../../src/jobs/handlers/request-jobs.js';
import { surveyJobHandlers } from '../../src/jobs/handlers/survey-jobs.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { Worker } from '../../src/jobs/worker.js';
import { silentLogger } from '../../src/logger.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';
import type { Database } from '../../src/store/database.js';
import { RecordingSurveyNotifier, type SurveyDelivery } from './recording-survey-notifier.js';
import { RecordingNotifier as Notifier, type RecordingNotifier, serviceHarness } from './service-harness.js';

/**
 * The service harness plus the survey jobs, delivering to recording notifiers. `restart()`
 * builds a new queue, deps and worker on the same database and clock, as a new process would.
 */
export async function surveyHarness(database: Database, start?: string) {
  const base = await serviceHarness(database, start);
  const surveys: SurveyDelivery[] = [];
  const build = (): { deps: ServiceDeps; worker: Worker } => {
    const queue = new JobQueue(database.store, database.provider, 14);
    const deps: ServiceDeps = { ...base.deps, queue };
    const notifiers: Record<'slack' | 'teams', RecordingNotifier> = {
      slack: new Notifier('slack', base.deliveries),
      teams: new Notifier('teams', base.deliveries),
    };
    const worker = new Worker({
      queue,
      clock: base.clock,
      logger: silentLogger,
      random: () => 0.5,
      handlers: [
        ...requestJobHandlers({
          store: database.store,
          queue,
          clock: base.clock,
          teams: deps.teams,
          notifiers,
        }),
        ...surveyJobHandlers({
          deps,
          surveyNotifiers: {
            slack: new RecordingSurveyNotifier('slack', surveys),
            teams: new RecordingSurveyNotifier('teams', surveys),
          },
          random: () => 0,
        }),
      ],
    });
    return { deps, worker };
  };
  const harness = { ...base, ...build(), surveys, restart: () => Object.assign(harness, build()) };
  return harness;
}

import { App, ExpressReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import { RetryPacer } from '../../src/jobs/retry-pacer.js';
import type { AdapterContext, PlatformAdapter } from '../../src/ports.js';
import { cachedAuthorize } from './authorize.js';
import { boltLogger } from './bolt-logger.js';
import { SlackDigestPoster } from './digest/slack-digest-poster.js';
import { trackHandling } from './handling.js';
import { learnProfilesOfSenders } from './learn-profiles.js';
import { registerAppHomeOpened } from './listeners/app-home-opened.js';
import { registerCancelButton } from './listeners/cancel-button.js';
import { registerChooseTeam } from './listeners/choose-team.js';
import { registerDirectMessage } from './listeners/direct-message.js';
import { registerGlobalShortcut } from './listeners/global-shortcut.js';
import type { ListenerDeps } from './listeners/listener-deps.js';
import { registerListenerFailed } from './listeners/listener-failed.js';
import { registerMessageShortcut } from './listeners/message-shortcut.js';
import { registerOpenFormButton } from './listeners/open-form-button.js';
import { registerOpenReportButton } from './listeners/open-report-button.js';
import { registerReactionAdded } from './listeners/reaction-added.js';
import { registerRequestSubmission } from './listeners/request-submission.js';
import { registerRequesterUpdatesButton } from './listeners/requester-updates-button.js';
import { registerSlashCommand } from './listeners/slash-command.js';
import { registerTakeButton } from './listeners/take-button.js';
import { registerTriageButtons } from './listeners/triage-buttons.js';
import { registerTriageSubmissions } from './listeners/triage-submissions.js';
import { SlackNotifier } from './notifier.js';
import { SlackPeople } from './slack-people.js';
import { SlackSocketMode } from './socket-mode.js';
import { SlackSurveyNotifier } from './survey/slack-survey-notifier.js';
import { registerSurveyListeners } from './survey/survey-listeners.js';
import { webClientOptions } from './web-client-options.js';

export const SLACK_EVENTS_PATH = '/slack/events';

const LISTENERS = [
  registerSlashCommand,
  registerGlobalShortcut,
  registerMessageShortcut,
  registerReactionAdded,
  registerDirectMessage,
  registerOpenFormButton,
  registerOpenReportButton,
  registerChooseTeam,
  registerRequestSubmission,
  registerTakeButton,
  registerTriageButtons,
  registerTriageSubmissions,
  registerAppHomeOpened,
  registerRequesterUpdatesButton,
  registerCancelButton,
  registerSurveyListeners,
];

/**
 * Slack on Bolt, over HTTP — an ExpressReceiver mounted on the shared HTTP server at POST
 * /slack/events (commands, events and interactivity) — or, with an app-level token, over Socket
 * Mode (no inbound route; the connection opens in `start`). The same listeners either way, and a
 * notifier the job queue delivers through. Every WebClient here (Bolt's, for its listeners, and
 * ours) has the same options: see web-client-options.ts.
 */
export function createSlackAdapter(context: AdapterContext, config: SlackConfig): PlatformAdapter {
  const logger = boltLogger(context.logger);
  const socketMode =
    config.appToken === undefined
      ? undefined
      : new SlackSocketMode({ appToken: config.appToken, apiUrl: config.apiUrl }, logger);
  const httpReceiver =
    config.appToken === undefined
      ? new ExpressReceiver({
          signingSecret: config.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          processBeforeResponse: false,
          logger,
        })
      : undefined;
  const clientOptions = webClientOptions({ apiUrl: config.apiUrl, logger });
  // Bolt's own app.client has no token when `authorize` is given (Bolt refuses both), so the
  // client for deliveries is made the way Bolt makes the one it hands each listener.
  const client = new webApi.WebClient(config.botToken, clientOptions);
  const app = new App({
    receiver: socketMode?.receiver ?? httpReceiver,
    socketMode: socketMode !== undefined,
    logger,
    authorize: cachedAuthorize(client, config.botToken),
    clientOptions,
    // Bolt's in-memory conversation store is unused here; skipping it saves work on every request.
    convoStore: false,
    // The error handler sees the request's body, to apologise to whoever acted.
    extendedErrorHandler: true,
  });
  const handled = trackHandling(app);
  const deps: ListenerDeps = {
    services: context.deps,
    refs: context.messageRefs,
    logger: context.logger,
    slack: client,
  };
  learnProfilesOfSenders(app, context.deps, context.logger);
  const pacer = new RetryPacer(() => context.deps.clock.now().getTime());
  for (const register of LISTENERS) register(app, deps);
  registerListenerFailed(app, deps);
  return {
    platform: 'slack',
    notifier: new SlackNotifier(client, context.messageRefs, pacer),
    surveyNotifier: new SlackSurveyNotifier(client, context.messageRefs, pacer),
    digestPoster: new SlackDigestPoster(client, context.messageRefs),
    people: new SlackPeople(client),
    mount: (http) => {
      if (httpReceiver) http.use(httpReceiver.router);
    },
    start: async () => {
      if (!socketMode) return;
      await socketMode.connect();
      context.logger.info('Slack Socket Mode connected');
    },
    settled: handled,
    stop: async () => {
      // No new envelopes from here on; then the ones in hand are finished.
      await socketMode?.disconnect();
      await handled();
    },
  };
}

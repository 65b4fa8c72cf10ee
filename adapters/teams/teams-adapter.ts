import express from 'express';
import type { TeamsConfig } from '../../src/config.js';
import { RetryPacer } from '../../src/jobs/retry-pacer.js';
import type { AdapterContext, PlatformAdapter } from '../../src/ports.js';
import { createTeamsBot } from './bot/teams-bot.js';
import type { BotTransport } from './bot-transport.js';
import { BotbuilderTransport } from './botbuilder-transport.js';
import { ConversationDirectory } from './conversation-directory.js';
import { CHART_ROUTE, chartRoute } from './digest/chart-link.js';
import { TeamsDigestPoster } from './digest/teams-digest-poster.js';
import { KnownPeople } from './known-people.js';
import { TeamsNotifier } from './notifier/teams-notifier.js';
import { TeamsSurveyNotifier } from './survey/teams-survey-notifier.js';
import { TeamsPeople } from './teams-people.js';

/**
 * Microsoft Teams on the shared server: POST /api/messages into the bot, and the notifier the
 * job queue delivers through. botbuilder stays behind BotTransport (`transport` lets a later
 * Microsoft 365 Agents SDK transport, or a test, plug in instead).
 */
export function createTeamsAdapter(
  context: AdapterContext,
  config: TeamsConfig,
  transport: BotTransport = new BotbuilderTransport(config, context.logger),
): PlatformAdapter {
  const directory = new ConversationDirectory(context.conversationRefs);
  const people = new KnownPeople(context.deps);
  const pacer = new RetryPacer(() => context.deps.clock.now().getTime());
  const onTurn = createTeamsBot({ deps: context.deps, directory, people, logger: context.logger });
  if (config.auth === 'off') {
    context.logger.warn(
      'TEAMS AUTH IS OFF (TEAMS_ALLOW_UNAUTHENTICATED=true): /api/messages accepts unsigned activities. For local testing only.',
    );
  }
  return {
    platform: 'teams',
    notifier: new TeamsNotifier({
      deps: context.deps,
      transport,
      directory,
      messageRefs: context.messageRefs,
      pacer,
    }),
    surveyNotifier: new TeamsSurveyNotifier({
      deps: context.deps,
      transport,
      directory,
      messageRefs: context.messageRefs,
      pacer,
    }),
    people: new TeamsPeople({ teams: context.deps.teams.all, directory, transport }),
    digestPoster: new TeamsDigestPoster({
      transport,
      directory,
      messageRefs: context.messageRefs,
      ...(context.publicUrl ? { publicUrl: context.publicUrl } : {}),
    }),
    mount(http) {
      http.get(
        CHART_ROUTE,
        chartRoute({ services: context.deps, refs: context.messageRefs, logger: context.logger }),
      );
      http.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
        try {
          await transport.handle(req, res, onTurn);
        } catch (error) {
          context.logger.error({ err: error }, 'Teams request failed');
          if (!res.headersSent) res.status(500).json({ error: 'internal error' });
        }
      });
    },
  };
}

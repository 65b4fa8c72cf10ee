import { NOTIFY_ON_CONFIRMATION } from '../../../src/domain/requester-updates.js';
import { isAppError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { cancelRequest } from '../../../src/services/cancel-request.js';
import { setRequesterUpdates } from '../../../src/services/requester-updates.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import {
  activitySchema,
  actorOf,
  cancelRequestDataSchema,
  cardActionSchema,
  chooseTeamDataSchema,
  requesterUpdatesDataSchema,
  requestFormDataSchema,
  type TeamsActivity,
} from '../activity-schemas.js';
import type { InboundTurn } from '../bot-transport.js';
import { helpCard } from '../cards/requester-cards.js';
import type { ConversationDirectory } from '../conversation-directory.js';
import { TRIAGE_VERBS, type TriageVerb, VERB } from '../ids.js';
import type { KnownPeople } from '../known-people.js';
import { handleSurveyAction, isSurveyVerb } from '../survey/survey-action.js';
import { learnConfiguredTeamsPeople } from '../teams-people.js';
import { handleChatMessage } from './chat-message.js';
import { cardResponse, messageResponse, taskMessage } from './invoke-responses.js';
import { fetchTask, submitAction } from './message-extension.js';
import { formForTeam, submitRequestForm } from './request-form-flow.js';
import { handleTriageAction } from './triage-action.js';

export type TeamsBotDeps = {
  deps: ServiceDeps;
  directory: ConversationDirectory;
  people: KnownPeople;
  logger: Logger;
};

const STALE = 'That card is out of date. Please start again.';
/** Said to whoever filed the chat's form when it could not be saved (the database away); the form stays. */
export const FILING_FAILED_TEXT = 'Sorry, that did not save. Please press File request again.';
/** Said to whoever pressed a button or sent a dialog when it failed on our side. */
export const INVOKE_FAILED_TEXT =
  'Sorry, that did not work: something went wrong on our side. Please try again in a moment.';

/** An expected failure (an AppError) becomes its user message; anything else reaches onTurnError. */
async function explained(answer: () => Promise<object>, say: (text: string) => object): Promise<object> {
  try {
    return await answer();
  } catch (error) {
    if (isAppError(error)) return say(error.userMessage);
    throw error;
  }
}

async function cardAction(bot: TeamsBotDeps, activity: TeamsActivity): Promise<object> {
  const parsed = cardActionSchema.safeParse(activity.value);
  if (!parsed.success) return messageResponse(STALE);
  const { verb, data } = parsed.data.action;
  const actor = actorOf(activity);
  if (verb === VERB.chooseTeam) {
    const choice = chooseTeamDataSchema.safeParse(data);
    return choice.success
      ? cardResponse(formForTeam(bot.deps, choice.data, 'execute'))
      : messageResponse(STALE);
  }
  if (verb === VERB.fileRequest) {
    const form = requestFormDataSchema.safeParse(data);
    if (!form.success) return messageResponse(STALE);
    const outcome = await submitRequestForm(bot.deps, {
      data: form.data,
      actor,
      entry: 'teams_chat',
      mode: 'execute',
    });
    return cardResponse(outcome.card);
  }
  if (verb === VERB.cancelRequest) {
    const cancel = cancelRequestDataSchema.safeParse(data);
    if (!cancel.success) return messageResponse(STALE);
    const result = await cancelRequest(bot.deps, {
      requestId: cancel.data.requestId,
      actor,
      reason: cancel.data.reason?.trim() || null,
    });
    return messageResponse(`Cancelled ${result.request.ref}. The team has been told.`);
  }
  if (verb === VERB.requesterUpdates) {
    const choice = requesterUpdatesDataSchema.safeParse(data);
    if (!choice.success) return messageResponse(STALE);
    const notifyOn = await setRequesterUpdates(bot.deps, { actor, notifyOn: choice.data.notifyOn });
    return messageResponse(NOTIFY_ON_CONFIRMATION[notifyOn]);
  }
  if ((TRIAGE_VERBS as readonly string[]).includes(verb)) {
    return handleTriageAction(bot.deps, verb as TriageVerb, data, actor);
  }
  if (isSurveyVerb(verb)) return handleSurveyAction(bot.deps, verb, data, actor, activity.id);
  return messageResponse(STALE);
}

/**
 * The answer to an invoke that failed unexpectedly (the database unreachable or locked, say),
 * in the shape its invoke takes, so Teams shows our words instead of its own error for a 500.
 */
function failedAnswer(activity: TeamsActivity): object {
  if (activity.name !== 'adaptiveCard/action') return taskMessage(INVOKE_FAILED_TEXT);
  const verb = cardActionSchema.safeParse(activity.value).data?.action.verb;
  return messageResponse(verb === VERB.fileRequest ? FILING_FAILED_TEXT : INVOKE_FAILED_TEXT);
}

async function answerInvoke(bot: TeamsBotDeps, activity: TeamsActivity): Promise<object | undefined> {
  if (activity.name === 'adaptiveCard/action')
    return explained(() => cardAction(bot, activity), messageResponse);
  if (activity.name === 'composeExtension/fetchTask') return fetchTask(bot.deps, activity);
  if (activity.name === 'composeExtension/submitAction')
    return explained(() => submitAction(bot.deps, activity), taskMessage);
  return undefined;
}

const HANDLED_INVOKES = new Set([
  'adaptiveCard/action',
  'composeExtension/fetchTask',
  'composeExtension/submitAction',
]);

/**
 * One inbound activity: remember where the sender and channel can be reached, then route it.
 * Handlers are thin: parse with zod, call one service, answer with a pure card.
 */
export function createTeamsBot(bot: TeamsBotDeps): (turn: InboundTurn) => Promise<void> {
  return async (turn) => {
    const parsed = activitySchema.safeParse(turn.activity);
    if (!parsed.success) {
      bot.logger.warn(
        { issues: parsed.error.issues.length },
        'Teams activity ignored: not the shape we expect',
      );
      const raw = turn.activity as { type?: unknown };
      if (raw?.type === 'invoke') await turn.respond({ error: 'unrecognised activity' }, 400);
      return;
    }
    const activity = parsed.data;
    if (activity.type === 'invoke' && !HANDLED_INVOKES.has(activity.name ?? '')) {
      // Teams sends only the invokes the app manifest declares; anything else is a client's
      // mistake, refused before anything of it is stored.
      return turn.respond({ error: 'not an invoke gapdesk handles' }, 400);
    }
    if (activity.type === 'invoke') {
      let answer: object | undefined;
      try {
        await bot.directory.remember(activity);
        await bot.people.remember(actorOf(activity));
        answer = await answerInvoke(bot, activity);
      } catch (error) {
        // What it would have written is one transaction, rolled back: the person may try again.
        bot.logger.error({ err: error, invoke: activity.name }, 'Teams invoke failed');
        answer = failedAnswer(activity);
      }
      if (answer) await turn.respond(answer);
      return;
    }
    await bot.directory.remember(activity);
    await bot.people.remember(actorOf(activity));
    switch (activity.type) {
      case 'message':
        if (activity.conversation.conversationType === 'personal')
          await handleChatMessage(bot.deps, turn, activity);
        else
          await turn.reply({
            text: 'Message me in a 1:1 chat to file a request, or use … → Turn into a request on any message.',
          });
        return;
      case 'installationUpdate':
        if (activity.action?.startsWith('add') && activity.conversation.conversationType === 'personal') {
          await turn.reply({ card: helpCard(), summary: 'Welcome to gapdesk' });
        }
        return;
      case 'conversationUpdate':
        // Added to a team: learn the names of the people the config lists before the first card.
        if (activity.membersAdded?.some((member) => member.id === activity.recipient.id)) {
          await learnConfiguredTeamsPeople(bot.deps, bot.logger);
        }
        return;
      default:
        // The rest: the references saved above are all we need.
        return;
    }
  };
}

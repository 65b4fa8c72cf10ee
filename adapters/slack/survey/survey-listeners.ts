import type { App } from '@slack/bolt';
import { z } from 'zod';
import { dimensionSchema, gapScoreSchema, shortfallSchema } from '../../../src/domain/dimensions.js';
import type { Actor } from '../../../src/domain/request.js';
import { isAppError } from '../../../src/errors.js';
import { recordComment } from '../../../src/services/survey/record-comment.js';
import { recordImportanceVote } from '../../../src/services/survey/record-importance-vote.js';
import { recordShortfall } from '../../../src/services/survey/record-shortfall.js';
import { recordSurveyAnswer } from '../../../src/services/survey/record-survey-answer.js';
import { reportNotFixed } from '../../../src/services/survey/report-not-fixed.js';
import { escapeMrkdwn } from '../blocks/mrkdwn.js';
import { type ListenerDeps, replyEphemeral } from '../listeners/listener-deps.js';
import { actorOf, slackUserSchema, viewSubmissionSchema } from '../payloads.js';
import { commentModal } from './poll-blocks.js';
import { SURVEY_ACTION, SURVEY_BLOCK, SURVEY_CALLBACK } from './survey-ids.js';

const clickSchema = z.object({
  user: slackUserSchema,
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string() }).optional(),
  actions: z
    .array(
      z.object({ action_id: z.string(), value: z.string().default(''), action_ts: z.string().optional() }),
    )
    .min(1),
});
type Click = z.infer<typeof clickSchema>;

/** What a survey button does, given the part of its action id after the colon. */
type Handler = (
  deps: ListenerDeps,
  click: { surveyId: string; actor: Actor; clickId?: string },
  arg: string,
) => Promise<unknown>;

const HANDLERS: Record<string, Handler> = {
  [SURVEY_ACTION.score]: (deps, click, arg) =>
    recordSurveyAnswer(deps.services, { ...click, score: gapScoreSchema.parse(Number(arg)) }),
  [SURVEY_ACTION.shortfall]: (deps, click, arg) =>
    recordShortfall(deps.services, { ...click, shortfall: shortfallSchema.parse(arg) }),
  [SURVEY_ACTION.notFixed]: (deps, click) => reportNotFixed(deps.services, click),
};

/**
 * The survey's buttons in the requester's DM. Each tap is persisted before Slack is answered;
 * the message is then redrawn in place by a job. Refusals (someone else's survey, a closed
 * one) are said privately to whoever clicked.
 */
export function registerSurveyListeners(app: App, deps: ListenerDeps): void {
  app.action(/^survey_(score|shortfall|not_fixed)(:|$)/, async ({ body, ack }) => {
    const click = clickSchema.parse(body);
    const action = click.actions[0] as Click['actions'][number];
    const [kind = '', arg = ''] = action.action_id.split(':');
    const handler = HANDLERS[kind];
    await settle(deps, click, ack, () =>
      handler
        ? handler(
            deps,
            { surveyId: action.value, actor: actorOf(click.user), clickId: action.action_ts },
            arg,
          )
        : Promise.resolve(),
    );
  });

  app.action(SURVEY_ACTION.addComment, async ({ body, ack }) => {
    const click = clickSchema.parse(body);
    await ack();
    await deps.slack.views.open({
      trigger_id: click.trigger_id,
      view: commentModal(click.actions[0]?.value ?? ''),
    });
  });

  app.view(SURVEY_CALLBACK.comment, async ({ body, ack }) => {
    const submission = viewSubmissionSchema.parse(body);
    const comment = Object.values(submission.view.state.values[SURVEY_BLOCK.comment] ?? {})[0]?.value ?? '';
    try {
      await recordComment(deps.services, {
        surveyId: submission.view.private_metadata,
        actor: actorOf(submission.user),
        comment,
        clickId: `view:${submission.view.id}`,
      });
      await ack();
    } catch (error) {
      if (!isAppError(error)) throw error;
      const fields = (error.details.fields ?? {}) as Record<string, string>;
      const message = fields.comment ?? error.userMessage;
      await ack({ response_action: 'errors', errors: { [SURVEY_BLOCK.comment]: message } });
    }
  });

  app.action(/^importance_vote:/, async ({ body, ack }) => {
    const click = clickSchema.parse(body);
    const action = click.actions[0] as Click['actions'][number];
    const [teamId = '', poll = ''] = action.value.split('|');
    const dimension = dimensionSchema.parse(action.action_id.split(':')[1]);
    await settle(deps, click, ack, () =>
      recordImportanceVote(deps.services, { teamId, poll, actor: actorOf(click.user), dimension }),
    );
  });
}

/** Runs the service, then answers Slack; an expected refusal becomes a private reply. */
async function settle(
  deps: ListenerDeps,
  click: Click,
  ack: () => Promise<void>,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
    await ack();
  } catch (error) {
    await ack();
    if (!isAppError(error)) throw error;
    deps.logger.info({ code: error.code }, 'survey click refused');
    await replyEphemeral(
      deps.slack,
      { channel: click.channel?.id, user: click.user.id },
      escapeMrkdwn(error.userMessage),
    );
  }
}

import type { webApi } from '@slack/bolt';
import type { ImportancePollView, SurveyView } from '../../../src/domain/survey-view.js';
import type { RetryPacer } from '../../../src/jobs/retry-pacer.js';
import type { MessageRefKey, MessageRefStore, SurveyNotifier } from '../../../src/ports.js';
import { REF } from '../ids.js';
import { slackCall } from '../slack-errors.js';
import { leadAlertText } from './lead-alert-text.js';
import { pollMessage } from './poll-blocks.js';
import { reminderAfterwards, reminderMessage, type SlackMessage, surveyMessage } from './survey-blocks.js';
import { SURVEY_REF } from './survey-ids.js';

/**
 * Surveys and polls as Slack DMs, redrawn in place with chat.update. Every post is recorded as
 * a MessageRef, and a recorded post is never made again, so a job that runs twice updates.
 */
export class SlackSurveyNotifier implements SurveyNotifier {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly refs: MessageRefStore,
    /** Spaces the retries of throttled posts (one per workspace: the deliveries share its limits). */
    private readonly pacer?: RetryPacer,
  ) {}

  async sendSurvey(view: SurveyView): Promise<void> {
    const key = this.key(SURVEY_REF.survey, view.surveyId);
    await this.postOnce(key, view.requester.userId, surveyMessage(view), view.request.id);
  }

  async updateSurvey(view: SurveyView): Promise<void> {
    await this.updateIfPosted(this.key(SURVEY_REF.survey, view.surveyId), surveyMessage(view));
    await this.updateIfPosted(this.key(SURVEY_REF.reminder, view.surveyId), reminderAfterwards(view));
  }

  async sendReminder(view: SurveyView): Promise<void> {
    const key = this.key(SURVEY_REF.reminder, view.surveyId);
    await this.postOnce(key, view.requester.userId, reminderMessage(view), view.request.id);
  }

  async alertLeads(view: SurveyView): Promise<void> {
    const channel = view.team.slack?.triageChannel;
    if (!channel) return;
    const text = leadAlertText(view);
    const key = this.key(SURVEY_REF.leadAlert, view.surveyId);
    if (await this.updateIfPosted(key, { text, blocks: [] })) return;
    // In the card's thread when there is one, so the alert sits with the request's history.
    const card = await this.refs.find(this.key(REF.triageCard, view.request.id));
    const posted = await slackCall(
      () =>
        this.client.chat.postMessage({
          channel: card?.channel ?? channel,
          ...(card ? { thread_ts: card.messageId } : {}),
          text,
          unfurl_links: false,
        }),
      this.pacer,
    );
    await this.refs.save({
      ...key,
      channel: posted.channel ?? card?.channel ?? channel,
      messageId: posted.ts ?? '',
      requestId: view.request.id,
    });
  }

  async sendImportancePoll(view: ImportancePollView): Promise<void> {
    const key = this.key(SURVEY_REF.poll, `${view.teamId}:${view.poll}:${view.recipient.personId}`);
    await this.postOnce(key, view.recipient.userId, pollMessage(view), null);
  }

  async updateImportancePoll(view: ImportancePollView): Promise<void> {
    const key = this.key(SURVEY_REF.poll, `${view.teamId}:${view.poll}:${view.recipient.personId}`);
    await this.updateIfPosted(key, pollMessage(view));
  }

  private key(purpose: string, subjectId: string): MessageRefKey {
    return { purpose, subjectId, platform: 'slack' };
  }

  private async postOnce(
    key: MessageRefKey,
    userId: string,
    message: SlackMessage,
    requestId: string | null,
  ): Promise<void> {
    if (await this.refs.find(key)) return;
    const posted = await slackCall(
      () => this.client.chat.postMessage({ channel: userId, ...message, unfurl_links: false }),
      this.pacer,
    );
    await this.refs.save({
      ...key,
      channel: posted.channel ?? userId,
      messageId: posted.ts ?? '',
      requestId,
    });
  }

  /** chat.update of a recorded message; false when nothing was posted under the key. */
  private async updateIfPosted(key: MessageRefKey, message: SlackMessage): Promise<boolean> {
    const ref = await this.refs.find(key);
    if (!ref) return false;
    await slackCall(
      () =>
        this.client.chat.update({
          channel: ref.channel,
          ts: ref.messageId,
          text: message.text,
          ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
        }),
      this.pacer,
    );
    return true;
  }
}

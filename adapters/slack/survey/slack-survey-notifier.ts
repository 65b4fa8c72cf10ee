import type { webApi } from '@slack/bolt';
import type { ImportancePollView, LeadAlertTrigger, SurveyView } from '../../../src/domain/survey-view.js';
import type { RetryPacer } from '../../../src/jobs/retry-pacer.js';
import type {
  DeliveryAttempt,
  MessageRefKey,
  MessageRefStore,
  StoredMessageRef,
  SurveyNotifier,
} from '../../../src/ports.js';
import { SlackDeliveries } from '../deliveries.js';
import { REF } from '../ids.js';
import { slackCall } from '../slack-errors.js';
import { leadAlertText } from './lead-alert-text.js';
import { pollMessage } from './poll-blocks.js';
import { reminderAfterwards, reminderMessage, type SlackMessage, surveyMessage } from './survey-blocks.js';
import { SURVEY_REF } from './survey-ids.js';

/**
 * Surveys and polls as Slack DMs, redrawn in place with chat.update. Every post is recorded as
 * a MessageRef, and a recorded post is never made again, so a job that runs twice updates; a
 * post whose record a crash prevented is found again by its metadata (SlackDeliveries).
 */
export class SlackSurveyNotifier implements SurveyNotifier {
  readonly platform = 'slack' as const;
  private readonly deliveries: SlackDeliveries;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly refs: MessageRefStore,
    /** Spaces the retries of throttled posts (one per workspace: the deliveries share its limits). */
    private readonly pacer?: RetryPacer,
  ) {
    this.deliveries = new SlackDeliveries(client, refs, pacer);
  }

  async sendSurvey(view: SurveyView, delivery: DeliveryAttempt): Promise<void> {
    const key = this.key(SURVEY_REF.survey, view.surveyId);
    await this.postOnce(key, view.requester.userId, surveyMessage(view), view.request.id, delivery);
  }

  async updateSurvey(view: SurveyView): Promise<void> {
    await this.updateIfPosted(this.key(SURVEY_REF.survey, view.surveyId), surveyMessage(view));
    await this.updateIfPosted(this.key(SURVEY_REF.reminder, view.surveyId), reminderAfterwards(view));
  }

  async sendReminder(view: SurveyView, delivery: DeliveryAttempt): Promise<void> {
    const key = this.key(SURVEY_REF.reminder, view.surveyId);
    await this.postOnce(key, view.requester.userId, reminderMessage(view), view.request.id, delivery);
  }

  async alertLeads(view: SurveyView, _trigger: LeadAlertTrigger, delivery: DeliveryAttempt): Promise<void> {
    const channel = view.team.slack?.triageChannel;
    if (!channel) return;
    const text = leadAlertText(view);
    const key = this.key(SURVEY_REF.leadAlert, view.surveyId);
    // In the card's thread when there is one, so the alert sits with the request's history.
    const card = await this.refs.find(this.key(REF.triageCard, view.request.id));
    const to = card ? { channel: card.channel, threadTs: card.messageId } : { channel };
    const earlier = await this.deliveries.posted(key, to, delivery, view.request.id);
    if (earlier) await this.update(earlier, { text, blocks: [] });
    else await this.deliveries.post(key, to, { text, unfurl_links: false }, view.request.id);
  }

  async sendImportancePoll(view: ImportancePollView, delivery: DeliveryAttempt): Promise<void> {
    const key = this.key(SURVEY_REF.poll, `${view.teamId}:${view.poll}:${view.recipient.personId}`);
    await this.postOnce(key, view.recipient.userId, pollMessage(view), null, delivery);
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
    delivery: DeliveryAttempt,
  ): Promise<void> {
    const to = { user: userId };
    if (await this.deliveries.posted(key, to, delivery, requestId)) return;
    await this.deliveries.post(key, to, { ...message, unfurl_links: false }, requestId);
  }

  /** chat.update of a recorded message; false when nothing was posted under the key. */
  private async updateIfPosted(key: MessageRefKey, message: SlackMessage): Promise<boolean> {
    const ref = await this.refs.find(key);
    if (!ref) return false;
    await this.update(ref, message);
    return true;
  }

  private async update(ref: StoredMessageRef, message: SlackMessage): Promise<void> {
    await slackCall(
      () =>
        this.client.chat.update({
          channel: ref.channel,
          ts: ref.messageId,
          text: message.text,
          ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
        }),
      this.pacer?.toward(ref.channel),
    );
  }
}

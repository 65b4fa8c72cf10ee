import type { ImportancePollView, SurveyView } from '../../../src/domain/survey-view.js';
import { teamLeads } from '../../../src/domain/team-access.js';
import type { MessageRefKey, SurveyNotifier } from '../../../src/ports.js';
import type { ConversationTarget, OutgoingMessage } from '../bot-transport.js';
import { deliver } from '../connector-errors.js';
import { PURPOSE } from '../ids.js';
import { channelTarget, openUserChat } from '../notifier/conversation-targets.js';
import type { TeamsNotifierDeps } from '../notifier/teams-notifier.js';
import { teamMembers } from '../team-members.js';
import { leadAlertMessage } from './lead-alert-message.js';
import { pollCard, reminderAfterwardsCard, reminderCard, surveyCard } from './survey-cards.js';
import { SURVEY_PURPOSE } from './survey-verbs.js';

/**
 * Surveys and polls as 1:1 Adaptive Cards, updated in place. Every post is recorded as a
 * MessageRef; a recorded post is never made again, so a job that runs twice updates instead.
 */
export class TeamsSurveyNotifier implements SurveyNotifier {
  readonly platform = 'teams' as const;

  constructor(private readonly d: TeamsNotifierDeps) {}

  async sendSurvey(view: SurveyView): Promise<void> {
    const key = this.key(SURVEY_PURPOSE.survey, view.surveyId);
    await this.postOnce(
      key,
      view.requester.userId,
      { card: surveyCard(view), summary: view.question },
      view.request.id,
    );
  }

  async updateSurvey(view: SurveyView): Promise<void> {
    await this.updateIfPosted(this.key(SURVEY_PURPOSE.survey, view.surveyId), { card: surveyCard(view) });
    await this.updateIfPosted(this.key(SURVEY_PURPOSE.reminder, view.surveyId), {
      card: reminderAfterwardsCard(view),
    });
  }

  async sendReminder(view: SurveyView): Promise<void> {
    const key = this.key(SURVEY_PURPOSE.reminder, view.surveyId);
    const message = { card: reminderCard(view), summary: `${view.request.ref}: one quick question` };
    await this.postOnce(key, view.requester.userId, message, view.request.id);
  }

  async alertLeads(view: SurveyView): Promise<void> {
    const channelId = view.team.teams?.triageChannel;
    if (!channelId) return;
    const leadIds = new Set(teamLeads(view.team, 'teams'));
    const leads = (await teamMembers(this.d.deps, view.team)).filter((member) => leadIds.has(member.id));
    const message = leadAlertMessage(view, leads);
    const key = this.key(SURVEY_PURPOSE.leadAlert, view.surveyId);
    if (await this.updateIfPosted(key, message)) return;
    const card = await this.d.messageRefs.find(this.key(PURPOSE.triageCard, view.request.id));
    // The card's thread keeps the alert with the request's history; without one, the channel.
    const target = await channelTarget(this.d, channelId, card?.channel ?? channelId);
    const sent = await deliver(
      'a survey alert',
      () => this.d.transport.send(target, message),
      this.d.pacer?.toward(target.conversationId),
    );
    await this.d.messageRefs.save({
      ...key,
      channel: target.conversationId,
      messageId: sent.activityId,
      requestId: view.request.id,
    });
  }

  async sendImportancePoll(view: ImportancePollView): Promise<void> {
    const key = this.key(SURVEY_PURPOSE.poll, `${view.teamId}:${view.poll}:${view.recipient.personId}`);
    await this.postOnce(key, view.recipient.userId, { card: pollCard(view), summary: view.question }, null);
  }

  async updateImportancePoll(view: ImportancePollView): Promise<void> {
    const key = this.key(SURVEY_PURPOSE.poll, `${view.teamId}:${view.poll}:${view.recipient.personId}`);
    await this.updateIfPosted(key, { card: pollCard(view) });
  }

  private key(purpose: string, subjectId: string): MessageRefKey {
    return { purpose, subjectId, platform: 'teams' };
  }

  private async postOnce(
    key: MessageRefKey,
    aadObjectId: string,
    message: OutgoingMessage,
    requestId: string | null,
  ): Promise<void> {
    if (await this.d.messageRefs.find(key)) return;
    const chat = await openUserChat(this.d, aadObjectId);
    const sent = await deliver(
      'a survey message',
      () => this.d.transport.send(chat, message),
      this.d.pacer?.toward(chat.conversationId),
    );
    await this.d.messageRefs.save({
      ...key,
      channel: chat.conversationId,
      messageId: sent.activityId,
      requestId,
    });
  }

  /** Replaces a recorded message; false when nothing was posted under the key. */
  private async updateIfPosted(key: MessageRefKey, message: OutgoingMessage): Promise<boolean> {
    const ref = await this.d.messageRefs.find(key);
    if (!ref) return false;
    const address = await this.d.directory.channel(ref.channel);
    if (!address) throw new Error('gapdesk has no Teams address yet; retrying later');
    const target: ConversationTarget = {
      ...address,
      conversationId: ref.channel,
      isGroup: key.purpose === SURVEY_PURPOSE.leadAlert,
    };
    await deliver(
      'a survey update',
      () => this.d.transport.update(target, ref.messageId, message),
      this.d.pacer?.toward(target.conversationId),
    );
    return true;
  }
}

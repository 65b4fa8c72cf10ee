import type { RequestEvent, RequestView } from '../../../src/domain/request.js';
import type { NotifyOn } from '../../../src/domain/requester-updates.js';
import { teamLeads } from '../../../src/domain/team-access.js';
import type { RetryPacer } from '../../../src/jobs/retry-pacer.js';
import type { DeliveryAttempt, MessageRefStore, Notifier, SlaAlert } from '../../../src/ports.js';
import { learnProfile } from '../../../src/services/people.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import type { BotTransport, ConversationTarget } from '../bot-transport.js';
import { confirmationCard, requesterUpdateCard } from '../cards/requester-cards.js';
import { triageCard } from '../cards/triage-card.js';
import { deliver } from '../connector-errors.js';
import type { ConversationDirectory } from '../conversation-directory.js';
import { PURPOSE } from '../ids.js';
import { teamMembers, unnamed } from '../team-members.js';
import { channelTarget, openUserChat } from './conversation-targets.js';
import { slaAlertMessage, threadNote } from './thread-text.js';

export type TeamsNotifierDeps = {
  deps: ServiceDeps;
  transport: BotTransport;
  directory: ConversationDirectory;
  messageRefs: MessageRefStore;
  /** Spaces the retries of throttled deliveries (one per tenant: they share its limits). */
  pacer?: RetryPacer;
};

/**
 * Delivers what services decided to say, in Teams. Runs inside jobs: every post is recorded
 * in MessageRefs and skipped when a retry finds it there; connector failures are mapped for
 * the queue (429 wait, 401/403/404 park, else retry).
 */
export class TeamsNotifier implements Notifier {
  readonly platform = 'teams' as const;
  private readonly askedForNames = new Set<string>();

  constructor(private readonly d: TeamsNotifierDeps) {}

  async notifyRequester(
    view: RequestView,
    event: RequestEvent,
    _delivery: DeliveryAttempt,
    notifyOn: NotifyOn,
  ): Promise<void> {
    const key = { purpose: PURPOSE.requesterNote, subjectId: String(event.id), platform: this.platform };
    if (await this.d.messageRefs.find(key)) return;
    // Filed from the chat form: the form already turned into the confirmation in place.
    if (event.type === 'filed' && view.request.sourceEntry === 'teams_chat') return;
    const card =
      event.type === 'filed' ? confirmationCard(view, notifyOn) : requesterUpdateCard(view, event, notifyOn);
    const chat = await openUserChat(this.d, view.requester.platformUserId);
    const sent = await deliver(
      'a message to the requester',
      () => this.d.transport.send(chat, { card, summary: `${view.request.ref}: update` }),
      this.d.pacer?.toward(chat.conversationId),
    );
    await this.d.messageRefs.save({
      ...key,
      channel: chat.conversationId,
      messageId: sent.activityId,
      requestId: view.request.id,
    });
  }

  async syncTriageCard(view: RequestView, event: RequestEvent): Promise<void> {
    const channelId = view.team.teams?.triageChannel;
    if (!channelId) return;
    const members = await teamMembers(this.d.deps, view.team);
    const thread = await this.postOrUpdateCard(view, channelId, triageCard(view, members));
    // Colleagues listed in the config who never talked to the bot: ask Teams for their names,
    // so the card's next version lists them by name (a config change adds people at any time).
    // Once per person and process: someone Teams does not find would otherwise cost a write per card.
    for (const member of unnamed(members)) {
      if (this.askedForNames.has(member.id)) continue;
      this.askedForNames.add(member.id);
      await learnProfile(this.d.deps, { platform: 'teams', userId: member.id });
    }
    if (event.type === 'filed') return;
    const key = { purpose: PURPOSE.threadNote, subjectId: String(event.id), platform: this.platform };
    if (await this.d.messageRefs.find(key)) return;
    const sent = await deliver(
      'a thread note',
      () => this.d.transport.send(thread, threadNote(view, event)),
      this.d.pacer?.toward(thread.conversationId),
    );
    await this.d.messageRefs.save({
      ...key,
      channel: thread.conversationId,
      messageId: sent.activityId,
      requestId: view.request.id,
    });
  }

  async postSlaAlert(view: RequestView, alert: SlaAlert): Promise<void> {
    const channelId = view.team.teams?.triageChannel;
    if (!channelId) return;
    const key = {
      purpose: PURPOSE.slaAlert,
      subjectId: `${view.request.id}:${alert.clock}:${alert.phase}`,
      platform: this.platform,
    };
    if (await this.d.messageRefs.find(key)) return;
    const cardRef = await this.d.messageRefs.find({
      purpose: PURPOSE.triageCard,
      subjectId: view.request.id,
      platform: this.platform,
    });
    // The card's own job runs first (same ordering key); without it there is no thread yet.
    if (!cardRef) throw new Error(`the triage card of ${view.request.ref} is not posted yet`);
    const thread = await channelTarget(this.d, channelId, cardRef.channel);
    const message = slaAlertMessage(view, alert, await this.whoToMention(view));
    const sent = await deliver(
      'an SLA alert',
      () => this.d.transport.send(thread, message),
      this.d.pacer?.toward(thread.conversationId),
    );
    await this.d.messageRefs.save({
      ...key,
      channel: thread.conversationId,
      messageId: sent.activityId,
      requestId: view.request.id,
    });
  }

  private async whoToMention(view: RequestView): Promise<Array<{ id: string; name: string }>> {
    if (view.assignee?.platform === 'teams')
      return [{ id: view.assignee.platformUserId, name: view.assignee.name }];
    const leads = new Set(teamLeads(view.team, 'teams'));
    return (await teamMembers(this.d.deps, view.team)).filter((member) => leads.has(member.id));
  }

  /** Posts the card as a new thread in the channel, or updates it in place; returns the thread. */
  private async postOrUpdateCard(
    view: RequestView,
    channelId: string,
    card: object,
  ): Promise<ConversationTarget> {
    const key = { purpose: PURPOSE.triageCard, subjectId: view.request.id, platform: this.platform };
    const existing = await this.d.messageRefs.find(key);
    if (existing) {
      const thread = await channelTarget(this.d, channelId, existing.channel);
      await deliver(
        'a triage card update',
        () => this.d.transport.update(thread, existing.messageId, { card }),
        this.d.pacer?.toward(thread.conversationId),
      );
      return thread;
    }
    const channel = await channelTarget(this.d, channelId, channelId);
    const created = await deliver(
      'a triage card',
      () =>
        this.d.transport.createConversation(channel, {
          channelId,
          message: { card, summary: `New request ${view.request.ref}` },
        }),
      this.d.pacer,
    );
    await this.d.messageRefs.save({
      ...key,
      channel: created.conversationId,
      messageId: created.activityId ?? '',
      requestId: view.request.id,
    });
    return { ...channel, conversationId: created.conversationId };
  }
}

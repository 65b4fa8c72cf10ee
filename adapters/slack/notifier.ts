import type { webApi } from '@slack/bolt';
import type { RequestEvent, RequestView } from '../../src/domain/request.js';
import type { NotifyOn } from '../../src/domain/requester-updates.js';
import type { RetryPacer } from '../../src/jobs/retry-pacer.js';
import type { DeliveryAttempt, MessageRefStore, Notifier, SlaAlert } from '../../src/ports.js';
import { LIMIT } from './blocks/limits.js';
import { truncate } from './blocks/mrkdwn.js';
import { requesterMessage, threadNote } from './blocks/request-updates.js';
import { requesterUpdatesBlocks } from './blocks/requester-updates.js';
import { slaAlertText } from './blocks/sla-alert.js';
import { triageCard } from './blocks/triage-card.js';
import { SlackDeliveries } from './deliveries.js';
import { REF } from './ids.js';
import { slackCall } from './slack-errors.js';

/**
 * Delivers what the services decided to say, from inside jobs. Each post is recorded as a
 * MessageRef right after Slack accepts it, and a recorded post is never made again, so a job
 * that runs twice (a retry, a crash after posting) updates or skips instead of duplicating; a
 * post whose record a crash prevented is found again by its metadata (SlackDeliveries).
 */
export class SlackNotifier implements Notifier {
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

  async notifyRequester(
    view: RequestView,
    event: RequestEvent,
    delivery: DeliveryAttempt,
    notifyOn: NotifyOn,
  ): Promise<void> {
    if (view.requester.platform !== 'slack') return;
    const key = { purpose: REF.requesterDm, subjectId: String(event.id), platform: 'slack' as const };
    const to = { user: view.requester.platformUserId };
    if (await this.deliveries.posted(key, to, delivery, view.request.id)) return;
    const text = truncate(requesterMessage(view, event), LIMIT.sectionText);
    await this.deliveries.post(
      key,
      to,
      {
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text } },
          ...requesterUpdatesBlocks(notifyOn, event.type === 'filed' ? view.request.id : undefined),
        ],
        unfurl_links: false,
      },
      view.request.id,
    );
  }

  async syncTriageCard(view: RequestView, event: RequestEvent, delivery: DeliveryAttempt): Promise<void> {
    const channel = view.team.slack?.triageChannel;
    if (!channel) return;
    const card = await this.ensureCard(view, channel, delivery);
    if (event.type === 'filed') return;
    const noteKey = { purpose: REF.threadNote, subjectId: String(event.id), platform: 'slack' as const };
    const thread = { channel: card.channel, threadTs: card.messageId };
    if (await this.deliveries.posted(noteKey, thread, delivery, view.request.id)) return;
    const text = truncate(threadNote(view, event), LIMIT.messageText);
    await this.deliveries.post(noteKey, thread, { text, unfurl_links: false }, view.request.id);
  }

  async postSlaAlert(view: RequestView, alert: SlaAlert, delivery: DeliveryAttempt): Promise<void> {
    const cardRef = await this.refs.find({
      purpose: REF.triageCard,
      subjectId: view.request.id,
      platform: 'slack',
    });
    // The card's own job is ordered before this one; without it there is no thread yet, so try later.
    if (!cardRef) throw new Error(`no triage card yet for ${view.request.ref}`);
    const key = {
      purpose: REF.slaAlert,
      subjectId: `${view.request.id}:${alert.clock}:${alert.phase}`,
      platform: 'slack' as const,
    };
    const thread = { channel: cardRef.channel, threadTs: cardRef.messageId };
    if (await this.deliveries.posted(key, thread, delivery, view.request.id)) return;
    await this.deliveries.post(key, thread, { text: slaAlertText(view, alert) }, view.request.id);
  }

  /** Posts the card the first time, updates it in place afterwards; returns where it is. */
  private async ensureCard(view: RequestView, channel: string, delivery: DeliveryAttempt) {
    const key = { purpose: REF.triageCard, subjectId: view.request.id, platform: 'slack' as const };
    const existing = await this.deliveries.posted(key, { channel }, delivery, view.request.id);
    const { text, blocks } = triageCard(view);
    if (!existing)
      return this.deliveries.post(key, { channel }, { text, blocks, unfurl_links: false }, view.request.id);
    await slackCall(
      () => this.client.chat.update({ channel: existing.channel, ts: existing.messageId, text, blocks }),
      this.pacer?.toward(existing.channel),
    );
    return existing;
  }
}

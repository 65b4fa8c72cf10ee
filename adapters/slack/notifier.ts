import type { webApi } from '@slack/bolt';
import type { RequestEvent, RequestView } from '../../src/domain/request.js';
import type { RetryPacer } from '../../src/jobs/retry-pacer.js';
import type { MessageRefStore, Notifier, SlaAlert } from '../../src/ports.js';
import { LIMIT } from './blocks/limits.js';
import { truncate } from './blocks/mrkdwn.js';
import { requesterMessage, threadNote } from './blocks/request-updates.js';
import { slaAlertText } from './blocks/sla-alert.js';
import { triageCard } from './blocks/triage-card.js';
import { REF } from './ids.js';
import { slackCall } from './slack-errors.js';

/**
 * Delivers what the services decided to say, from inside jobs. Each post is recorded as a
 * MessageRef right after Slack accepts it, and a recorded post is never made again, so a job
 * that runs twice (a retry, a crash after posting) updates or skips instead of duplicating.
 */
export class SlackNotifier implements Notifier {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly refs: MessageRefStore,
    /** Spaces the retries of throttled posts (one per workspace: the deliveries share its limits). */
    private readonly pacer?: RetryPacer,
  ) {}

  async notifyRequester(view: RequestView, event: RequestEvent): Promise<void> {
    if (view.requester.platform !== 'slack') return;
    const key = { purpose: REF.requesterDm, subjectId: String(event.id), platform: 'slack' as const };
    if (await this.refs.find(key)) return;
    const text = truncate(requesterMessage(view, event), LIMIT.sectionText);
    const posted = await slackCall(
      () =>
        this.client.chat.postMessage({
          channel: view.requester.platformUserId,
          text,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
          unfurl_links: false,
        }),
      this.pacer,
    );
    await this.refs.save({
      ...key,
      channel: posted.channel ?? view.requester.platformUserId,
      messageId: posted.ts ?? '',
      requestId: view.request.id,
    });
  }

  async syncTriageCard(view: RequestView, event: RequestEvent): Promise<void> {
    const channel = view.team.slack?.triageChannel;
    if (!channel) return;
    const card = await this.ensureCard(view, channel);
    if (event.type === 'filed') return;
    const noteKey = { purpose: REF.threadNote, subjectId: String(event.id), platform: 'slack' as const };
    if (await this.refs.find(noteKey)) return;
    const text = truncate(threadNote(view, event), LIMIT.messageText);
    const posted = await slackCall(
      () =>
        this.client.chat.postMessage({
          channel: card.channel,
          thread_ts: card.ts,
          text,
          unfurl_links: false,
        }),
      this.pacer,
    );
    await this.refs.save({
      ...noteKey,
      channel: card.channel,
      messageId: posted.ts ?? '',
      requestId: view.request.id,
    });
  }

  async postSlaAlert(view: RequestView, alert: SlaAlert): Promise<void> {
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
    if (await this.refs.find(key)) return;
    const posted = await slackCall(
      () =>
        this.client.chat.postMessage({
          channel: cardRef.channel,
          thread_ts: cardRef.messageId,
          text: slaAlertText(view, alert),
        }),
      this.pacer,
    );
    await this.refs.save({
      ...key,
      channel: cardRef.channel,
      messageId: posted.ts ?? '',
      requestId: view.request.id,
    });
  }

  /** Posts the card the first time, updates it in place afterwards; returns where it is. */
  private async ensureCard(view: RequestView, channel: string): Promise<{ channel: string; ts: string }> {
    const key = { purpose: REF.triageCard, subjectId: view.request.id, platform: 'slack' as const };
    const existing = await this.refs.find(key);
    const { text, blocks } = triageCard(view);
    if (existing) {
      await slackCall(
        () => this.client.chat.update({ channel: existing.channel, ts: existing.messageId, text, blocks }),
        this.pacer,
      );
      return { channel: existing.channel, ts: existing.messageId };
    }
    const posted = await slackCall(
      () => this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false }),
      this.pacer,
    );
    const ts = posted.ts ?? '';
    const postedChannel = posted.channel ?? channel;
    await this.refs.save({ ...key, channel: postedChannel, messageId: ts, requestId: view.request.id });
    return { channel: postedChannel, ts };
  }
}

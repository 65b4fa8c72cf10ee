import { type types, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { RetryPacer } from '../../src/jobs/retry-pacer.js';
import type { DeliveryAttempt, MessageRefKey, MessageRefStore, StoredMessageRef } from '../../src/ports.js';
import { slackCall } from './slack-errors.js';

/** The message metadata event every post carries: its payload names the message (its MessageRef key). */
export const DELIVERY_EVENT = 'gapdesk_delivery';
// Slack stamps a post with its own clock; ours may be a little ahead of it.
const CLOCK_SKEW_MS = 5 * 60_000;
// conversations.history and .replies are Tier 3 (50+ a minute) for an internal app.
const PAGE_SIZE = 200;
const MAX_PAGES = 10;

/** Where a post goes: a channel, a thread in one, or a person's DM by their user id. */
export type Destination = { channel: string; threadTs?: string } | { user: string };

export type SlackPost = {
  text: string;
  blocks?: types.KnownBlock[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
};

const pageSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
          .optional(),
        files: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

type HistoryMessage = z.infer<typeof pageSchema>['messages'][number];

function deliveryKey(key: MessageRefKey): string {
  return `${key.purpose}:${key.subjectId}`;
}

/**
 * Posts that happen once. Each post carries message metadata naming what it is, and is recorded
 * as a MessageRef once Slack answers. A job that dies between the two leaves a post with no
 * record; its next attempt reads the destination's history since the job was queued, finds the
 * post by its metadata and records it instead of posting again. A first attempt reads nothing.
 */
export class SlackDeliveries {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly refs: MessageRefStore,
    /** Spaces the retries of throttled posts (the workspace's, shared by its deliveries). */
    private readonly pacer?: RetryPacer,
  ) {}

  /** The message already posted under `key`, recorded or (on a retry) found in Slack and then recorded. */
  async posted(
    key: MessageRefKey,
    to: Destination,
    delivery: DeliveryAttempt,
    requestId: string | null,
  ): Promise<StoredMessageRef | null> {
    const recorded = await this.refs.find(key);
    if (recorded || delivery.attempt <= 1) return recorded;
    try {
      const channel = 'user' in to ? await this.dmChannel(to.user) : to.channel;
      const threadTs = 'threadTs' in to ? to.threadTs : undefined;
      const wanted = deliveryKey(key);
      const ts = (
        await this.findInHistory(
          channel,
          threadTs,
          delivery.queuedAt,
          (m) => m.metadata?.event_type === DELIVERY_EVENT && m.metadata.event_payload?.key === wanted,
        )
      )?.ts;
      if (!ts) return null;
      const found = { ...key, channel, messageId: ts };
      await this.refs.save({ ...found, requestId });
      return found;
    } catch (error) {
      // An app installed before gapdesk asked for im:write still delivers, at least once.
      if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'missing_scope') return null;
      throw error;
    }
  }

  /** Posts with the metadata naming `key`, then records where the message went. */
  async post(
    key: MessageRefKey,
    to: Destination,
    message: SlackPost,
    requestId: string | null,
  ): Promise<StoredMessageRef> {
    const channel = 'user' in to ? to.user : to.channel;
    const answer = await slackCall(
      () =>
        this.client.chat.postMessage({
          channel,
          ...('threadTs' in to && to.threadTs ? { thread_ts: to.threadTs } : {}),
          ...message,
          metadata: { event_type: DELIVERY_EVENT, event_payload: { key: deliveryKey(key) } },
        }),
      this.pacer?.toward(channel),
    );
    const ref = { ...key, channel: answer.channel ?? channel, messageId: answer.ts ?? '' };
    await this.refs.save({ ...ref, requestId });
    return ref;
  }

  /**
   * The id of a file this job already shared in `channel` as `filename`, found in the channel's
   * history on a retry (a file upload carries no metadata; its name is the job's own). A first
   * attempt reads nothing.
   */
  async uploaded(channel: string, filename: string, delivery: DeliveryAttempt): Promise<string | undefined> {
    if (delivery.attempt <= 1) return undefined;
    try {
      const found = await this.findInHistory(channel, undefined, delivery.queuedAt, (m) =>
        (m.files ?? []).some((file) => file.name === filename),
      );
      return found?.files?.find((file) => file.name === filename)?.id;
    } catch (error) {
      if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'missing_scope')
        return undefined;
      throw error;
    }
  }

  /** A DM is posted to the user id; its history is read from the conversation's own id. */
  private async dmChannel(user: string): Promise<string> {
    const opened = await slackCall(() => this.client.conversations.open({ users: user }));
    return opened.channel?.id ?? user;
  }

  private async findInHistory(
    channel: string,
    threadTs: string | undefined,
    queuedAt: Date,
    match: (message: HistoryMessage) => boolean,
  ): Promise<HistoryMessage | undefined> {
    const oldest = ((queuedAt.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const args = {
        channel,
        oldest,
        limit: PAGE_SIZE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      };
      const answer = await slackCall(() =>
        threadTs
          ? this.client.conversations.replies({ ...args, ts: threadTs })
          : this.client.conversations.history(args),
      );
      const { messages, response_metadata } = pageSchema.parse(answer);
      const found = messages.find(match);
      if (found) return found;
      cursor = response_metadata?.next_cursor;
      if (!cursor) return undefined;
    }
    // Past this many messages since the job was queued, posting again beats holding the job.
    return undefined;
  }
}

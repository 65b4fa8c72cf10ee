import { platformSchema } from '../domain/request.js';
import type { ConversationRefStore, MessageRefKey, MessageRefStore, StoredMessageRef } from '../ports.js';
import { clientOf, type Store } from './database.js';

/**
 * How long a reference that failed to save is tried again. It is saved right after the platform
 * accepted the message; lost, the job runs again and posts the message a second time. A
 * database restart or a lock held by another connection lasts seconds.
 */
const SAVE_FOR_MS = 30_000;
const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 2_000;

/** Where each posted message is (a triage card, a DM), so a retried job updates instead of posting twice. */
export class StoredMessageRefs implements MessageRefStore {
  constructor(private readonly store: Store) {}

  async find(key: MessageRefKey): Promise<StoredMessageRef | null> {
    const row = await clientOf(this.store)
      .selectFrom('messageRefs')
      .select(['purpose', 'subjectId', 'platform', 'channel', 'messageId'])
      .where('purpose', '=', key.purpose)
      .where('subjectId', '=', key.subjectId)
      .where('platform', '=', key.platform)
      .executeTakeFirst();
    return row ? { ...row, platform: platformSchema.parse(row.platform) } : null;
  }

  /** Saves where a posted message is, trying again for a while when the database is away. */
  async save(ref: StoredMessageRef & { requestId?: string | null }): Promise<void> {
    const giveUpAt = Date.now() + SAVE_FOR_MS;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, LONGEST_RETRY_MS)) {
      try {
        return await this.write(ref);
      } catch (error) {
        if (Date.now() + wait > giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private async write(ref: StoredMessageRef & { requestId?: string | null }): Promise<void> {
    const { purpose, subjectId, platform, channel, messageId } = ref;
    const now = new Date();
    await clientOf(this.store)
      .insertInto('messageRefs')
      .values({
        purpose,
        subjectId,
        platform,
        channel,
        messageId,
        requestId: ref.requestId ?? null,
        updatedAt: now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['purpose', 'subjectId', 'platform'])
          .doUpdateSet({ channel, messageId, updatedAt: now }),
      )
      .execute();
  }
}

/** Teams' conversation references, by platform and key, for proactive messages. */
export class StoredConversationRefs implements ConversationRefStore {
  constructor(private readonly store: Store) {}

  async find(platform: MessageRefKey['platform'], key: string): Promise<unknown | null> {
    const row = await clientOf(this.store)
      .selectFrom('conversationRefs')
      .select('reference')
      .where('platform', '=', platform)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? (JSON.parse(row.reference) as unknown) : null;
  }

  async save(platform: MessageRefKey['platform'], key: string, reference: unknown): Promise<void> {
    const text = JSON.stringify(reference);
    const now = new Date();
    await clientOf(this.store)
      .insertInto('conversationRefs')
      .values({ platform, key, reference: text, updatedAt: now })
      .onConflict((conflict) =>
        conflict.columns(['platform', 'key']).doUpdateSet({ reference: text, updatedAt: now }),
      )
      .execute();
  }
}

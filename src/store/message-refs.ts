import { platformSchema } from '../domain/request.js';
import type { ConversationRefStore, MessageRefKey, MessageRefStore, StoredMessageRef } from '../ports.js';
import { clientOf, type Store } from './database.js';

/** Where each posted message is (a triage card, a DM), so a retried job updates instead of posting twice. */
export class StoredMessageRefs implements MessageRefStore {
  constructor(private readonly store: Store) {}

  async find(key: MessageRefKey): Promise<StoredMessageRef | null> {
    const row = await clientOf(this.store).messageRef.findUnique({
      where: { purpose_subjectId_platform: key },
      select: { purpose: true, subjectId: true, platform: true, channel: true, messageId: true },
    });
    return row ? { ...row, platform: platformSchema.parse(row.platform) } : null;
  }

  async save(ref: StoredMessageRef & { requestId?: string | null }): Promise<void> {
    const { purpose, subjectId, platform, channel, messageId } = ref;
    await clientOf(this.store).messageRef.upsert({
      where: { purpose_subjectId_platform: { purpose, subjectId, platform } },
      create: { purpose, subjectId, platform, channel, messageId, requestId: ref.requestId ?? null },
      update: { channel, messageId },
    });
  }
}

/** Teams' conversation references, by platform and key, for proactive messages. */
export class StoredConversationRefs implements ConversationRefStore {
  constructor(private readonly store: Store) {}

  async find(platform: MessageRefKey['platform'], key: string): Promise<unknown | null> {
    const row = await clientOf(this.store).conversationRef.findUnique({
      where: { platform_key: { platform, key } },
      select: { reference: true },
    });
    return row ? (JSON.parse(row.reference) as unknown) : null;
  }

  async save(platform: MessageRefKey['platform'], key: string, reference: unknown): Promise<void> {
    const text = JSON.stringify(reference);
    await clientOf(this.store).conversationRef.upsert({
      where: { platform_key: { platform, key } },
      create: { platform, key, reference: text },
      update: { reference: text },
    });
  }
}

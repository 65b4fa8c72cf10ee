import type { Platform } from '../domain/request.js';
import type { ConversationRefStore, MessageRefKey, MessageRefStore, StoredMessageRef } from '../ports.js';
import type { Db } from './database.js';

export class PrismaMessageRefStore implements MessageRefStore {
  constructor(private readonly db: Db) {}

  async find(key: MessageRefKey): Promise<StoredMessageRef | null> {
    const row = await this.db.messageRef.findUnique({ where: { purpose_subjectId_platform: key } });
    return row
      ? {
          purpose: row.purpose,
          subjectId: row.subjectId,
          platform: row.platform as Platform,
          channel: row.channel,
          messageId: row.messageId,
        }
      : null;
  }

  async save(ref: StoredMessageRef & { requestId?: string | null }): Promise<void> {
    const { purpose, subjectId, platform, channel, messageId } = ref;
    await this.db.messageRef.upsert({
      where: { purpose_subjectId_platform: { purpose, subjectId, platform } },
      update: { channel, messageId },
      create: { purpose, subjectId, platform, channel, messageId, requestId: ref.requestId ?? null },
    });
  }
}

export class PrismaConversationRefStore implements ConversationRefStore {
  constructor(private readonly db: Db) {}

  async find(platform: Platform, key: string): Promise<unknown | null> {
    const row = await this.db.conversationRef.findUnique({ where: { platform_key: { platform, key } } });
    return row ? (JSON.parse(row.reference) as unknown) : null;
  }

  async save(platform: Platform, key: string, reference: unknown): Promise<void> {
    const json = JSON.stringify(reference);
    await this.db.conversationRef.upsert({
      where: { platform_key: { platform, key } },
      update: { reference: json },
      create: { platform, key, reference: json },
    });
  }
}

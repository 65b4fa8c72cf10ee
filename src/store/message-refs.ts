import type { Platform } from '../domain/request.js';
import type { ConversationRefStore, MessageRefKey, MessageRefStore, StoredMessageRef } from '../ports.js';
import type { Sql } from './sql.js';

type MessageRefRow = {
  purpose: string;
  subject_id: string;
  platform: string;
  channel: string;
  message_id: string;
};

/** Where each posted message is (a triage card, a DM), so a retried job updates instead of posting twice. */
export class SqlMessageRefStore implements MessageRefStore {
  constructor(private readonly sql: Sql) {}

  async find(key: MessageRefKey): Promise<StoredMessageRef | null> {
    const row = await this.sql.get<MessageRefRow>(
      `SELECT purpose, subject_id, platform, channel, message_id FROM message_refs
       WHERE purpose = ? AND subject_id = ? AND platform = ?`,
      key.purpose,
      key.subjectId,
      key.platform,
    );
    return row
      ? {
          purpose: row.purpose,
          subjectId: row.subject_id,
          platform: row.platform as Platform,
          channel: row.channel,
          messageId: row.message_id,
        }
      : null;
  }

  async save(ref: StoredMessageRef & { requestId?: string | null }): Promise<void> {
    const now = new Date();
    await this.sql.run(
      `INSERT INTO message_refs (purpose, subject_id, platform, channel, message_id, request_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (purpose, subject_id, platform) DO UPDATE SET
         channel = excluded.channel, message_id = excluded.message_id, updated_at = excluded.updated_at`,
      ref.purpose,
      ref.subjectId,
      ref.platform,
      ref.channel,
      ref.messageId,
      ref.requestId ?? null,
      now,
      now,
    );
  }
}

/** Teams' conversation references, by platform and key, for proactive messages. */
export class SqlConversationRefStore implements ConversationRefStore {
  constructor(private readonly sql: Sql) {}

  async find(platform: Platform, key: string): Promise<unknown | null> {
    const row = await this.sql.get<{ reference: string }>(
      'SELECT reference FROM conversation_refs WHERE platform = ? AND "key" = ?',
      platform,
      key,
    );
    return row ? (JSON.parse(row.reference) as unknown) : null;
  }

  async save(platform: Platform, key: string, reference: unknown): Promise<void> {
    await this.sql.run(
      `INSERT INTO conversation_refs (platform, "key", reference, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (platform, "key") DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
      platform,
      key,
      JSON.stringify(reference),
      new Date(),
    );
  }
}

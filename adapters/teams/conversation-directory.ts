import { z } from 'zod';
import type { ConversationRefStore } from '../../src/ports.js';
import { type TeamsActivity, tenantOf } from './activity-schemas.js';
import type { BotAddress, ConversationTarget } from './bot-transport.js';
import { REF_KEY } from './ids.js';

const addressSchema = z.object({
  serviceUrl: z.string(),
  tenantId: z.string(),
  botId: z.string(),
  botName: z.string().optional(),
});
const targetSchema = addressSchema.extend({ conversationId: z.string(), isGroup: z.boolean().optional() });
const memberSchema = addressSchema.extend({ userId: z.string(), name: z.string().optional() });
export type MemberAddress = z.infer<typeof memberSchema>;
const teamsSchema = z.object({ teamIds: z.array(z.string()) });

/** How many teams the bot remembers having been in: enough for any tenant's service desks. */
const KNOWN_TEAMS = 50;

/**
 * Where the bot can reach people and channels later, kept in the database as conversation
 * references: the 1:1 chat of each user (`user:<aad id>`), each user's Bot Framework id for
 * starting one (`member:<aad id>`), each channel seen (`channel:<id>`), the latest service URL
 * for the tenant (`bot`), and the teams the bot has been in (`teams`, latest first).
 */
export class ConversationDirectory {
  // Nothing is remembered in this process: several gapdesk replicas share one database, and a
  // reference another replica (or Teams moving the tenant) changed would be skipped here.
  constructor(private readonly store: ConversationRefStore) {}

  async remember(activity: TeamsActivity): Promise<void> {
    const address: BotAddress = {
      serviceUrl: activity.serviceUrl,
      tenantId: tenantOf(activity),
      botId: activity.recipient.id,
      ...(activity.recipient.name ? { botName: activity.recipient.name } : {}),
    };
    const aad = activity.from.aadObjectId ?? activity.from.id;
    await this.save(REF_KEY.bot, address);
    await this.save(REF_KEY.member(aad), { ...address, userId: activity.from.id, name: activity.from.name });
    if (activity.conversation.conversationType === 'personal') {
      await this.save(REF_KEY.user(aad), { ...address, conversationId: activity.conversation.id });
    }
    const channelId = activity.channelData?.channel?.id;
    if (channelId)
      await this.save(REF_KEY.channel(channelId), { ...address, conversationId: channelId, isGroup: true });
    const teamId = activity.channelData?.team?.id;
    if (teamId) {
      const known = await this.knownTeams();
      if (known[0] !== teamId) {
        const teamIds = [teamId, ...known.filter((id) => id !== teamId)].slice(0, KNOWN_TEAMS);
        await this.save(REF_KEY.teams, { teamIds });
      }
    }
  }

  /** The ids of the teams the bot has been in (from their channels' activities), latest first. */
  async knownTeams(): Promise<string[]> {
    return (await this.find(REF_KEY.teams, teamsSchema))?.teamIds ?? [];
  }

  async saveUserChat(aadObjectId: string, target: ConversationTarget): Promise<void> {
    await this.save(REF_KEY.user(aadObjectId), target);
  }

  async userChat(aadObjectId: string): Promise<ConversationTarget | null> {
    return this.find(REF_KEY.user(aadObjectId), targetSchema);
  }

  async member(aadObjectId: string): Promise<MemberAddress | null> {
    return this.find(REF_KEY.member(aadObjectId), memberSchema);
  }

  /** The channel's own reference, else the tenant's latest address (a channel the bot has not seen yet). */
  async channel(channelId: string): Promise<ConversationTarget | null> {
    const known = await this.find(REF_KEY.channel(channelId), targetSchema);
    if (known) return known;
    const bot = await this.find(REF_KEY.bot, addressSchema);
    return bot ? { ...bot, conversationId: channelId, isGroup: true } : null;
  }

  private async find<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | null> {
    const parsed = schema.safeParse(await this.store.find('teams', key));
    return parsed.success ? parsed.data : null;
  }

  private async save(key: string, value: object): Promise<void> {
    await this.store.save('teams', key, value);
  }
}

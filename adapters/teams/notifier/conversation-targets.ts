import { PermanentJobError } from '../../../src/jobs/job-errors.js';
import type { RetryPacer } from '../../../src/jobs/retry-pacer.js';
import type { BotTransport, ConversationTarget } from '../bot-transport.js';
import { deliver } from '../connector-errors.js';
import type { ConversationDirectory } from '../conversation-directory.js';

/**
 * The 1:1 chat with a user: the stored one, or a new one started from what the bot knows of
 * them (their Bot Framework id, seen in a channel or a message extension). Someone the bot has
 * never seen cannot be reached until they install gapdesk: no retry fixes that.
 */
export async function openUserChat(
  deps: { directory: ConversationDirectory; transport: BotTransport; pacer?: RetryPacer },
  aadObjectId: string,
): Promise<ConversationTarget> {
  const stored = await deps.directory.userChat(aadObjectId);
  if (stored) return stored;
  const member = await deps.directory.member(aadObjectId);
  if (!member) {
    throw new PermanentJobError(
      `no Teams conversation with user ${aadObjectId}: they have not installed gapdesk or messaged it yet`,
    );
  }
  const created = await deliver(
    'starting a 1:1 chat',
    () => deps.transport.createConversation(member, { userId: member.userId }),
    deps.pacer,
  );
  const chat: ConversationTarget = {
    serviceUrl: member.serviceUrl,
    tenantId: member.tenantId,
    botId: member.botId,
    ...(member.botName ? { botName: member.botName } : {}),
    conversationId: created.conversationId,
  };
  await deps.directory.saveUserChat(aadObjectId, chat);
  return chat;
}

/**
 * A thread (or a new one, with the channel id as the conversation) in a team channel. Not
 * parked when the channel is unknown: once someone installs the app in the team, the retry
 * finds the address and the message goes out.
 */
export async function channelTarget(
  deps: { directory: ConversationDirectory },
  channelId: string,
  conversationId: string,
): Promise<ConversationTarget> {
  const channel = await deps.directory.channel(channelId);
  if (!channel) {
    throw new Error(
      `gapdesk has not been added to Teams yet (no activity seen), so it cannot post in ${channelId}: install the app in the team`,
    );
  }
  return { ...channel, conversationId, isGroup: true };
}

import type { Request, Response } from 'express';

/** Where the bot reaches a tenant's Teams: the region's service URL, the tenant, the bot's own account. */
export type BotAddress = { serviceUrl: string; tenantId: string; botId: string; botName?: string };

/** One conversation the bot can write to: a 1:1 chat, a channel, or a channel thread. */
export type ConversationTarget = BotAddress & { conversationId: string; isGroup?: boolean };

/** A Teams mention: `<at>Name</at>` in the text, the member's id in the entity. */
export type Mention = { text: string; mentioned: { id: string; name: string } };

/** What the bot sends: a message with text (Teams' XML/HTML subset) and/or an Adaptive Card. */
export type OutgoingMessage = {
  text?: string;
  card?: object;
  mentions?: Mention[];
  /** A one-line summary Teams shows in notifications and the activity feed. */
  summary?: string;
};

/** One inbound HTTP request from Teams, as the bot logic sees it. */
export type InboundTurn = {
  /** The activity exactly as Teams sent it; handlers parse it with zod. */
  activity: unknown;
  /** Sends a message into the conversation the activity came from. */
  reply(message: OutgoingMessage): Promise<void>;
  /** Answers an invoke: becomes the body of the HTTP response. */
  respond(body: unknown, status?: number): Promise<void>;
};

/**
 * The slice of a bot SDK gapdesk uses. botbuilder's CloudAdapter implements it today
 * (botbuilder-transport.ts); a Microsoft 365 Agents SDK adapter can implement it later
 * without touching the bot logic, cards or notifier. Outbound methods throw the SDK's HTTP
 * errors with a `statusCode`; connector-errors.ts maps them for the job queue.
 */
export interface BotTransport {
  /**
   * Handles POST /api/messages: authenticates (when on; 401 when that fails), refuses a tenant
   * not in TEAMS_ALLOWED_TENANTS (403), and only then runs `onTurn`; writes the response.
   */
  handle(req: Request, res: Response, onTurn: (turn: InboundTurn) => Promise<void>): Promise<void>;
  /** Posts a message into a conversation (a thread reply when the id names a thread). */
  send(target: ConversationTarget, message: OutgoingMessage): Promise<{ activityId: string }>;
  /** Replaces a message the bot sent, for everyone who sees it. */
  update(target: ConversationTarget, activityId: string, message: OutgoingMessage): Promise<void>;
  /**
   * One member of the team or chat a conversation belongs to, by AAD object id, with the name
   * Teams shows for them; null when they are not a member.
   */
  member(target: ConversationTarget, aadObjectId: string): Promise<{ name?: string } | null>;
  /** Starts a 1:1 chat with a user, or a new thread in a channel (with its first message). */
  createConversation(
    address: BotAddress,
    params: { userId: string } | { channelId: string; message: OutgoingMessage },
  ): Promise<{ conversationId: string; activityId?: string }>;
}

import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import type { TeamsConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type {
  BotAddress,
  BotTransport,
  ConversationTarget,
  InboundTurn,
  OutgoingMessage,
} from './bot-transport.js';

/** Where a proactive turn leaves an error that botbuilder would otherwise only hand to onTurnError. */
const FAILURE_SLOT = Symbol('gapdesk.proactiveFailure');

type ConnectorLike = {
  conversations: {
    createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }>;
  };
};

/** The BotTransport on botbuilder's CloudAdapter (the archived Bot Framework SDK). */
export class BotbuilderTransport implements BotTransport {
  private readonly adapter: CloudAdapter;
  private readonly appId: string;

  constructor(config: TeamsConfig, logger: Logger) {
    // No MicrosoftAppId = auth off: no token checks inbound, no token fetch outbound.
    const auth =
      config.auth === 'on'
        ? new ConfigurationBotFrameworkAuthentication({
            MicrosoftAppId: config.appId,
            MicrosoftAppPassword: config.appPassword,
            MicrosoftAppTenantId: config.tenantId,
            MicrosoftAppType: config.appType,
          })
        : new ConfigurationBotFrameworkAuthentication({});
    this.appId = config.auth === 'on' ? config.appId : '';
    this.adapter = new CloudAdapter(auth);
    this.adapter.onTurnError = async (context, error) => {
      const slot = context.turnState.get(FAILURE_SLOT) as ((error: unknown) => void) | undefined;
      if (slot) {
        // A proactive send: hand the error back to the job that asked for it, so it is retried.
        slot(error);
        return;
      }
      logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
      if (context.activity.type === 'invoke') {
        // Without an invokeResponse botbuilder answers 501; say plainly that it failed.
        await context
          .sendActivity({ type: 'invokeResponse', value: { status: 500, body: { error: 'internal error' } } })
          .catch(() => undefined);
      } else if (context.activity.type === 'message') {
        await context
          .sendActivity('Sorry, something went wrong on our side. Please try again in a minute.')
          .catch(() => undefined);
      }
    };
  }

  async handle(req: Request, res: Response, onTurn: (turn: InboundTurn) => Promise<void>): Promise<void> {
    await this.adapter.process(req, res, (context) =>
      onTurn({
        activity: context.activity,
        reply: async (message) => {
          await context.sendActivity(toActivity(message));
        },
        respond: async (body, status = 200) => {
          await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
        },
      }),
    );
  }

  async send(target: ConversationTarget, message: OutgoingMessage): Promise<{ activityId: string }> {
    return this.proactive(target, async (context) => {
      const response = await context.sendActivity(toActivity(message));
      return { activityId: response?.id ?? '' };
    });
  }

  async update(target: ConversationTarget, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.proactive(target, async (context) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    });
  }

  async createConversation(
    address: BotAddress,
    params: { userId: string } | { channelId: string; message: OutgoingMessage },
  ): Promise<{ conversationId: string; activityId?: string }> {
    const target = { ...address, conversationId: 'userId' in params ? params.userId : params.channelId };
    return this.proactive(target, async (context) => {
      const connector = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorLike;
      const bot = { id: address.botId, name: address.botName ?? '' };
      const parameters: ConversationParameters =
        'userId' in params
          ? {
              isGroup: false,
              bot,
              members: [{ id: params.userId, name: '' }],
              tenantId: address.tenantId,
              channelData: { tenant: { id: address.tenantId } },
            }
          : {
              isGroup: true,
              bot,
              tenantId: address.tenantId,
              channelData: { channel: { id: params.channelId }, tenant: { id: address.tenantId } },
              activity: toActivity(params.message) as Activity,
            };
      const created = await connector.conversations.createConversation(parameters);
      if (!created.id) throw new Error('the connector created a conversation without an id');
      return { conversationId: created.id, activityId: created.activityId };
    });
  }

  /**
   * Runs `logic` in a proactive turn and returns its result or throws its error. botbuilder
   * never rejects continueConversationAsync for a failed send: it calls onTurnError, which
   * puts the error in this turn's slot, so the caller (a job) sees it and is retried.
   */
  private async proactive<T>(
    target: ConversationTarget,
    logic: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      bot: { id: target.botId, name: target.botName ?? '' },
      conversation: {
        id: target.conversationId,
        tenantId: target.tenantId,
        isGroup: target.isGroup ?? false,
        conversationType: target.isGroup ? 'channel' : 'personal',
        name: '',
      },
    };
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      context.turnState.set(FAILURE_SLOT, (error: unknown) => {
        outcome = { ok: false, error };
      });
      try {
        withoutSdkRetries(context);
        outcome = { ok: true, value: await logic(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new Error('the proactive Teams turn ended without a result');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}

type PipelineHolder = { client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } } };

/**
 * The Azure pipeline under botbuilder's connector retries 5xx and sleeps through 429s on its
 * own. Our job queue owns retries (durable, with backoff, honouring Retry-After without
 * holding a worker), so the SDK's retry phase is removed from this turn's connector client.
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as PipelineHolder | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  return {
    type: 'message',
    ...(message.text !== undefined ? { text: message.text, textFormat: 'xml' } : {}),
    ...(message.summary ? { summary: message.summary } : {}),
    ...(message.card
      ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }] }
      : {}),
    ...(message.mentions?.length
      ? {
          entities: message.mentions.map((mention) => ({
            type: 'mention',
            text: mention.text,
            mentioned: { id: mention.mentioned.id, name: mention.mentioned.name },
          })),
        }
      : {}),
  };
}

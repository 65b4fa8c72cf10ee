import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationParameters,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
} from 'botframework-connector';
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

/** The BotTransport on botbuilder's CloudAdapter (the archived Bot Framework SDK). */
export class BotbuilderTransport implements BotTransport {
  private readonly adapter: CloudAdapter;
  private readonly connectorFactory: ConnectorFactory;
  /** One connector client per service URL, kept: see `connector`. */
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

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
    const appId = config.auth === 'on' ? config.appId : '';
    // The identity CloudAdapter gives its own proactive turns: the bot's app id as audience and app id.
    const bot = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ]);
    this.connectorFactory = auth.createConnectorFactory(bot);
    this.adapter = new CloudAdapter(auth);
    this.adapter.onTurnError = async (context, error) => {
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
    const connector = await this.connector(target.serviceUrl);
    const response = await connector.conversations.sendToConversation(
      target.conversationId,
      addressed(toActivity(message), target) as Activity,
    );
    return { activityId: response?.id ?? '' };
  }

  async update(target: ConversationTarget, activityId: string, message: OutgoingMessage): Promise<void> {
    const connector = await this.connector(target.serviceUrl);
    await connector.conversations.updateActivity(target.conversationId, activityId, {
      ...addressed(toActivity(message), target),
      id: activityId,
    } as Activity);
  }

  async createConversation(
    address: BotAddress,
    params: { userId: string } | { channelId: string; message: OutgoingMessage },
  ): Promise<{ conversationId: string; activityId?: string }> {
    const connector = await this.connector(address.serviceUrl);
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
  }

  /**
   * The connector client for a service URL, made once and kept, as botbuilder's older
   * BotFrameworkAdapter did. A proactive turn (continueConversationAsync) builds a new client,
   * HTTP pipeline and credentials for every message, which cost more CPU than the rest of a
   * delivery; a kept client also keeps its token until it expires. Outbound calls go straight
   * to it, so a failed call rejects with the connector's error (no onTurnError detour) and the
   * job that made it is retried. A client that could not be made is not kept.
   */
  private connector(serviceUrl: string): Promise<ConnectorClient> {
    let connector = this.connectors.get(serviceUrl);
    if (!connector) {
      connector = this.connectorFactory.create(serviceUrl).then(withoutSdkRetries);
      connector.catch(() => this.connectors.delete(serviceUrl));
      this.connectors.set(serviceUrl, connector);
    }
    return connector;
  }
}

/** What botbuilder's TurnContext adds to an outgoing activity of a proactive turn. */
function addressed(activity: Partial<Activity>, target: ConversationTarget): Partial<Activity> {
  return {
    ...activity,
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    from: { id: target.botId, name: target.botName ?? '' },
    conversation: {
      id: target.conversationId,
      tenantId: target.tenantId,
      isGroup: target.isGroup ?? false,
      conversationType: target.isGroup ? 'channel' : 'personal',
      name: '',
    },
  };
}

/**
 * The Azure pipeline under botbuilder's connector retries 5xx and sleeps through 429s on its
 * own. Our job queue owns retries (durable, with backoff, honouring Retry-After without
 * holding a worker), so the SDK's retry phase is removed from the client.
 */
function withoutSdkRetries(connector: ConnectorClient): ConnectorClient {
  (connector as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return connector;
}

type PipelineHolder = { client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } } };

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

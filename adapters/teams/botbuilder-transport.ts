import type { INetworkModule } from '@azure/msal-node';
import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  type ConversationParameters,
  TurnContext,
} from 'botbuilder';
import {
  AppCredentials,
  AuthenticationConstants,
  ClaimsIdentity,
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
import { InboundAdapter, publicCloudWithKeysAt } from './botbuilder-inbound.js';
import { ConnectorHttpError, type ConnectorRest, connectorRest } from './connector-rest.js';
import { botCredentials, entraIdNetwork } from './entra-id-network.js';

export type BotbuilderTransportOptions = {
  /**
   * What MSAL sends its Entra ID requests through; by default gapdesk's outgoing requests
   * (entra-id-network.ts). Tests hand it one that reaches a fake Entra ID.
   */
  entraNetwork?: INetworkModule;
  /**
   * Where the signing keys of inbound Bot Framework tokens are published (the OpenID metadata
   * URL, the SDK's ToBotFromChannelOpenIdMetadataUrl); by default Bot Framework's own. Tests
   * point it at a fake on 127.0.0.1 that signs their tokens.
   */
  openIdMetadataUrl?: string;
};

/**
 * The BotTransport on botbuilder (the archived Bot Framework SDK): inbound activities through
 * CloudAdapter and the SDK's own authentication (token checks, turn context, invoke
 * responses), the tenant allowlist between the two (botbuilder-inbound.ts); every outgoing
 * call, a reply within a turn included, as Bot Connector REST (connector-rest.ts) with the
 * token from the SDK's credentials.
 */
export class BotbuilderTransport implements BotTransport {
  private readonly adapter: InboundAdapter;
  /** The SDK's connector clients for the bot's own identity, for their credentials. */
  private readonly connectorFactory: ConnectorFactory;
  private readonly rest: ConnectorRest = connectorRest((serviceUrl) => this.authorization(serviceUrl));

  constructor(config: TeamsConfig, logger: Logger, options: BotbuilderTransportOptions = {}) {
    // No MicrosoftAppId = auth off: no token checks inbound, no token fetch outbound.
    const auth =
      config.auth === 'on'
        ? new ConfigurationBotFrameworkAuthentication(
            {
              MicrosoftAppId: config.appId,
              MicrosoftAppPassword: config.appPassword,
              MicrosoftAppTenantId: config.tenantId,
              MicrosoftAppType: config.appType,
              ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
            },
            botCredentials(config, options.entraNetwork ?? entraIdNetwork()),
          )
        : new ConfigurationBotFrameworkAuthentication({});
    const appId = config.auth === 'on' ? config.appId : '';
    // The identity CloudAdapter gives its own proactive turns: the bot's app id as audience and app id.
    const bot = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ]);
    this.connectorFactory = auth.createConnectorFactory(bot);
    this.adapter = new InboundAdapter(auth, config.allowedTenants, logger);
    this.adapter.onTurnError = async (context, error) => {
      logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
      if (context.activity.type === 'invoke') {
        // Without an invokeResponse botbuilder answers 501; say plainly that it failed.
        await context
          .sendActivity({ type: 'invokeResponse', value: { status: 500, body: { error: 'internal error' } } })
          .catch(() => undefined);
      } else if (context.activity.type === 'message') {
        await this.reply(context.activity, {
          text: 'Sorry, something went wrong on our side. Please try again in a minute.',
        }).catch(() => undefined);
      }
    };
  }

  async handle(req: Request, res: Response, onTurn: (turn: InboundTurn) => Promise<void>): Promise<void> {
    await this.adapter.serve(req, res, (context) =>
      onTurn({
        activity: context.activity,
        reply: (message) => this.reply(context.activity, message),
        respond: async (body, status = 200) => {
          // Not a call: the SDK puts it in the HTTP response to this activity.
          await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
        },
      }),
    );
  }

  async send(target: ConversationTarget, message: OutgoingMessage): Promise<{ activityId: string }> {
    const sent = await this.rest.sendToConversation(
      target.serviceUrl,
      target.conversationId,
      addressed(toActivity(message), target),
    );
    return { activityId: sent.id ?? '' };
  }

  async update(target: ConversationTarget, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.rest.updateActivity(target.serviceUrl, target.conversationId, activityId, {
      ...addressed(toActivity(message), target),
      id: activityId,
    });
  }

  async member(target: ConversationTarget, aadObjectId: string): Promise<{ name?: string } | null> {
    try {
      const member = await this.rest.getMember(target.serviceUrl, target.conversationId, aadObjectId);
      return member.name ? { name: member.name } : {};
    } catch (error) {
      if (error instanceof ConnectorHttpError && error.statusCode === 404) return null;
      throw error;
    }
  }

  async createConversation(
    address: BotAddress,
    params: { userId: string } | { channelId: string; message: OutgoingMessage },
  ): Promise<{ conversationId: string; activityId?: string }> {
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
    const created = await this.rest.createConversation(address.serviceUrl, parameters);
    if (!created.id) throw new Error('the connector created a conversation without an id');
    return {
      conversationId: created.id,
      ...(created.activityId ? { activityId: created.activityId } : {}),
    };
  }

  /**
   * An answer to an activity, addressed by the SDK's own rule (TurnContext's conversation
   * reference: from the bot to the sender, in reply to the activity) and sent through
   * connector-rest like every other outgoing call. The SDK's ConnectorClient would read the
   * proxy variables its own way (@azure/core-rest-pipeline: NO_PROXY once per process, exact
   * hosts only) and read answers unbounded; one way out keeps one set of rules.
   */
  private async reply(incoming: Activity, message: OutgoingMessage): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      toActivity(message),
      TurnContext.getConversationReference(incoming),
    );
    const { serviceUrl, conversation, replyToId } = activity;
    if (!serviceUrl || !conversation?.id) throw new Error('the activity names no conversation to answer in');
    if (replyToId) {
      await this.rest.replyToActivity(serviceUrl, conversation.id, replyToId, activity);
    } else {
      await this.rest.sendToConversation(serviceUrl, conversation.id, activity);
    }
  }

  /**
   * The Authorization header for calls to a service URL: a bearer token from the credentials
   * of the SDK's connector client for it (app type, tenant, cloud, MSAL and its token cache are
   * all the SDK's), or none when auth is off.
   */
  private async authorization(serviceUrl: string): Promise<string | undefined> {
    const { credentials } = await this.connectorFactory.create(serviceUrl);
    if (!(credentials instanceof AppCredentials)) {
      throw new Error(`unexpected Bot Framework credentials ${credentials.constructor.name}`);
    }
    // The SDK's own rule (AppCredentials.shouldSetToken): no app id, no token.
    if (!credentials.appId || credentials.appId === AuthenticationConstants.AnonymousSkillAppId) {
      return undefined;
    }
    return `Bearer ${await credentials.getToken()}`;
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

import { z } from 'zod';
import { type AnswerHeaders, outboundRequest } from '../../src/http/outbound-request.js';

/** Bot Connector v3 (the REST API behind every Teams message a bot sends) as plain JSON over HTTP. */
export type ConnectorRest = {
  /** POST /v3/conversations/{id}/activities: a new message in a conversation or thread. */
  sendToConversation(serviceUrl: string, conversationId: string, activity: object): Promise<{ id?: string }>;
  /** POST /v3/conversations/{id}/activities/{replyToId}: the bot's answer to an activity it received. */
  replyToActivity(
    serviceUrl: string,
    conversationId: string,
    replyToId: string,
    activity: object,
  ): Promise<{ id?: string }>;
  /** PUT /v3/conversations/{id}/activities/{activityId}: replaces a message the bot sent. */
  updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
  ): Promise<{ id?: string }>;
  /** POST /v3/conversations: a 1:1 chat, or a channel thread with its first message. */
  createConversation(serviceUrl: string, parameters: object): Promise<{ id?: string; activityId?: string }>;
  /**
   * GET /v3/conversations/{id}/members/{memberId}: one member of the conversation's team or chat
   * (Teams takes the AAD object id as the member id), with the name Teams shows for them.
   */
  getMember(serviceUrl: string, conversationId: string, memberId: string): Promise<ConnectorMember>;
};

/**
 * A call the connector refused. Shaped like the SDK's RestError (`statusCode`, the response's
 * headers) so connector-errors.ts maps both alike: 429 waits Retry-After, 401/403/404 park.
 */
export class ConnectorHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly response: { headers: AnswerHeaders; body: string },
    doing: string,
  ) {
    super(`the Bot Connector answered ${statusCode} to ${doing}: ${response.body.slice(0, 300)}`);
    this.name = 'ConnectorHttpError';
  }
}

/**
 * Every call gapdesk makes to the Bot Connector: deliveries from the job queue and the replies
 * within a turn. The one place outgoing Teams traffic leaves, so a transport on another SDK
 * (the Microsoft 365 Agents SDK) replaces this file, and so every such call goes out the same
 * way: `outboundRequest` on the outbound dispatcher (the proxy variables, asked per call), with
 * its timeouts and at most MAX_ANSWER_BYTES read of an answer. `authorization` gives the
 * header for a service URL (the SDK's own credentials and token cache; undefined when auth is
 * off).
 */
export function connectorRest(
  authorization: (serviceUrl: string) => Promise<string | undefined>,
): ConnectorRest {
  /** The answer's body text; a refusal throws ConnectorHttpError. */
  const exchange = async (
    method: 'GET' | 'POST' | 'PUT',
    serviceUrl: string,
    path: string,
    body?: object,
  ): Promise<string> => {
    const auth = await authorization(serviceUrl);
    const headers: Record<string, string> = {
      ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      accept: 'application/json',
      'user-agent': 'Microsoft-BotFramework/3.1 gapdesk',
      ...(auth ? { authorization: auth } : {}),
    };
    const answer = await outboundRequest(endpoint(serviceUrl, path), {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (answer.status >= 300) {
      throw new ConnectorHttpError(
        answer.status,
        { headers: answer.headers, body: answer.text },
        `${method} ${path}`,
      );
    }
    return answer.text;
  };
  const call = async (
    method: 'POST' | 'PUT',
    serviceUrl: string,
    path: string,
    body: object,
  ): Promise<ConnectorIds> => answerOf(connectorIds, await exchange(method, serviceUrl, path, body));
  return {
    sendToConversation: (serviceUrl, conversationId, activity) =>
      call('POST', serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity),
    replyToActivity: (serviceUrl, conversationId, replyToId, activity) =>
      call(
        'POST',
        serviceUrl,
        `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(replyToId)}`,
        activity,
      ),
    updateActivity: (serviceUrl, conversationId, activityId, activity) =>
      call(
        'PUT',
        serviceUrl,
        `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
        activity,
      ),
    createConversation: (serviceUrl, parameters) => call('POST', serviceUrl, 'v3/conversations', parameters),
    getMember: async (serviceUrl, conversationId, memberId) =>
      answerOf(
        connectorMember,
        await exchange(
          'GET',
          serviceUrl,
          `v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(memberId)}`,
        ),
      ),
  };
}

/** The service URL may carry a path (`https://smba.trafficmanager.net/amer/`); the call goes under it. */
function endpoint(serviceUrl: string, path: string): URL {
  return new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
}

const connectorIds = z.object({ id: z.string().optional(), activityId: z.string().optional() });
type ConnectorIds = z.infer<typeof connectorIds>;

const connectorMember = z.object({ id: z.string().optional(), name: z.string().optional() });
/** A conversation member (TeamsChannelAccount): the parts gapdesk reads. */
export type ConnectorMember = z.infer<typeof connectorMember>;

/**
 * What a success answer holds, every field optional; an unreadable body holds none of them.
 * For a sent message (ResourceResponse / ConversationResourceResponse) that means no ids rather
 * than an error that would make the job send it again; for a member, no name learned.
 */
function answerOf<Answer extends object>(schema: z.ZodType<Answer>, text: string): Partial<Answer> {
  try {
    const parsed = schema.safeParse(text ? JSON.parse(text) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import type { MessageRefStore } from '../../../src/ports.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';

/**
 * What every listener may use: the services' deps, the message refs, a logger, and the adapter's
 * Web API client (the one deliveries use, with the same options as the client Bolt hands each
 * listener; see web-client-options.ts).
 */
export type ListenerDeps = {
  services: ServiceDeps;
  refs: MessageRefStore;
  logger: Logger;
  slack: webApi.WebClient;
};

/**
 * The immediate answer to a click, seen only by the person who clicked. This is the one kind of
 * message a listener sends itself: it belongs to that very request and is worthless later.
 */
export async function replyEphemeral(
  client: webApi.WebClient,
  where: { channel?: string; user: string },
  text: string,
): Promise<void> {
  if (!where.channel) return;
  await client.chat.postEphemeral({ channel: where.channel, user: where.user, text });
}

import type { AuthorizeResult, webApi } from '@slack/bolt';

/**
 * Bolt's single-token authorization with `tokenVerificationEnabled: false` calls auth.test on
 * every request (Bolt 5.1 re-runs it per call). We ask once, on first use, and remember the
 * answer; if Slack is unreachable the request goes on with the token alone (the bot's ids
 * only serve to ignore its own messages, which the DM listener does by bot_id anyway).
 */
export function cachedAuthorize(client: webApi.WebClient, botToken: string): () => Promise<AuthorizeResult> {
  let identity: Promise<{ botId?: string; botUserId?: string }> | null = null;
  return async () => {
    identity ??= client.auth
      .test()
      .then((result) => ({ botId: result.bot_id, botUserId: result.user_id }))
      .catch(() => {
        identity = null;
        return {};
      });
    return { botToken, ...(await identity) };
  };
}

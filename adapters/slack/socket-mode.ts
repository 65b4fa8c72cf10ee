import { type Logger as BoltLogger, SocketModeReceiver, type webApi } from '@slack/bolt';
import { AppError } from '../../src/errors.js';
import { outboundDispatcher, proxyConfigured } from '../../src/http/outbound-dispatcher.js';
import { outboundFetch } from '../../src/http/outbound-fetch.js';
import { WEB_API_TIMEOUT_MS } from './web-client-options.js';

/**
 * Slack over Socket Mode, with Bolt's receiver: gapdesk dials out (apps.connections.open with the
 * app-level token, then a WebSocket to the URL it returns) and Slack sends every command, event
 * and click over that connection; nothing comes in over HTTP. The client reconnects by itself
 * when the connection drops or Slack asks it to (a `disconnect` message, every few hours).
 */
export class SlackSocketMode {
  readonly receiver: SocketModeReceiver;
  private stopping = false;

  constructor(
    options: { appToken: string; apiUrl: string },
    private readonly logger: BoltLogger,
  ) {
    this.receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger,
      // The WebSocket takes the outbound proxy when one is set at start. Without one, the
      // client's own dispatcher is kept: it can destroy the socket of a peer that stops answering.
      ...(proxyConfigured()
        ? { dispatcher: { dispatch: (opts, handler) => outboundDispatcher().dispatch(opts, handler) } }
        : {}),
      installerOptions: { clientOptions: socketModeClientOptions(options.apiUrl) },
    });
  }

  /** Opens the connection; resolves once Slack said hello. A refused app token is a clear error. */
  async connect(): Promise<void> {
    try {
      await this.receiver.start();
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      throw new AppError(
        'platform_error',
        code
          ? `Slack Socket Mode: apps.connections.open answered ${code}: check SLACK_APP_TOKEN (an app-level token with connections:write, of the app the bot token belongs to)`
          : `Slack Socket Mode: could not connect to Slack (${(error as Error).message})`,
      );
    }
    this.observeReconnects();
  }

  /** Closes the connection (a close handshake) and stops reconnecting. */
  async disconnect(): Promise<void> {
    this.stopping = true;
    await this.receiver.client.disconnect();
  }

  /**
   * The client reconnects by calling its `start()` again and leaves the promise unobserved: a
   * stop while a reconnect waits for Slack's hello rejects it (with undefined), and so does a
   * refused token on reconnect, an unhandled rejection that ends the process
   * (slackapi/node-slack-sdk#2656, @slack/socket-mode 3.1). Reconnects are observed here.
   */
  private observeReconnects(): void {
    const { client } = this.receiver;
    const start = client.start.bind(client);
    client.start = () =>
      start().catch((error: unknown) => {
        if (!this.stopping)
          this.logger.error(
            `Slack Socket Mode: reconnecting failed, Slack events no longer arrive until gapdesk restarts: ${String((error as { data?: { error?: string } })?.data?.error ?? error)}`,
          );
        return {} as Awaited<ReturnType<typeof start>>;
      });
  }
}

/**
 * The options of the WebClient that calls apps.connections.open: the same Web API URL, outbound
 * proxy and timeout as every other client (web-client-options.ts), but the socket-mode client's
 * own retries are kept (no `retryConfig`; rate-limited calls wait out Retry-After): that call has
 * no job behind it to retry it, and a reconnect that gives up leaves gapdesk deaf to Slack.
 */
export function socketModeClientOptions(
  apiUrl: string,
): Omit<webApi.WebClientOptions, 'logger' | 'logLevel'> {
  return { slackApiUrl: apiUrl, fetch: outboundFetch, timeout: WEB_API_TIMEOUT_MS };
}

import { type Dispatcher, EnvHttpProxyAgent } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
let current: { settings: string; agent: EnvHttpProxyAgent } | undefined;

/**
 * The most of an answer's body any platform call reads. A platform's answer to anything gapdesk
 * asks is a few KB; a body past this is not one (a proxy's error page, a misrouted download),
 * and reading it whole would hold that much memory per call. undici enforces it on every
 * connection of the dispatcher (`maxResponseSize`): the call fails, the rest is not read.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * The dispatcher of every outgoing platform call: Slack's fetch (outbound-fetch.ts), the Bot
 * Connector and Entra ID (outbound-request.ts), and Slack's Socket Mode WebSocket when a proxy is
 * set (adapters/slack/socket-mode.ts). Through a company proxy when HTTPS_PROXY /
 * HTTP_PROXY say so and NO_PROXY does not exempt the host (upper or lower case, read by undici's
 * EnvHttpProxyAgent); direct otherwise. Kept-alive connections either way. The agent reads the
 * variables when it is made, so a new one is made when they change. Every answer is capped at
 * MAX_ANSWER_BYTES.
 */
export function outboundDispatcher(): Dispatcher {
  const settings = PROXY_VARIABLES.map((name) => process.env[name] ?? '').join('\n');
  if (current?.settings !== settings)
    current = { settings, agent: new EnvHttpProxyAgent({ maxResponseSize: MAX_ANSWER_BYTES }) };
  return current.agent;
}

/** Whether HTTPS_PROXY or HTTP_PROXY (either case) names a proxy now. */
export function proxyConfigured(): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) =>
    Boolean(process.env[name]?.trim()),
  );
}

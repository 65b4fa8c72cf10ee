import { ProxyAgent } from 'proxy-agent';

/**
 * The agent of every outgoing call made over `node:http` (Bot Connector, Entra ID tokens; Slack's
 * WebClient takes a fetch instead: src/http/outbound-fetch.ts).
 * It reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (upper or lower case) for each request, so a
 * company proxy applies wherever the variables say and nowhere else, and keeps connections
 * alive, direct or through the proxy.
 */
export const outboundAgent = new ProxyAgent({ keepAlive: true });

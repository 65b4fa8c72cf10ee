import { ProxyAgent } from 'proxy-agent';

/**
 * The one agent every outgoing call uses (Slack Web API, Bot Connector, Entra ID tokens).
 * It reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (upper or lower case) for each request, so a
 * company proxy applies wherever the variables say and nowhere else, and keeps connections
 * alive, direct or through the proxy.
 */
export const outboundAgent = new ProxyAgent({ keepAlive: true });

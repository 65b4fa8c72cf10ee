import { Client, type Dispatcher, EnvHttpProxyAgent, Pool } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
let current: { settings: string; agent: EnvHttpProxyAgent } | undefined;

/**
 * The dispatcher of every outgoing platform call: Slack's fetch (outbound-fetch.ts), the Bot
 * Connector and Entra ID (outbound-request.ts). Through a company proxy when HTTPS_PROXY /
 * HTTP_PROXY say so and NO_PROXY does not exempt the host (upper or lower case, read by undici's
 * EnvHttpProxyAgent); direct otherwise. Kept-alive connections either way. The agent reads the
 * variables when it is made, so a new one is made when they change.
 */
export function outboundDispatcher(): Dispatcher {
  const settings = PROXY_VARIABLES.map((name) => process.env[name] ?? '').join('\n');
  if (current?.settings !== settings) current = { settings, agent: envProxyAgent() };
  return current.agent;
}

/**
 * An EnvHttpProxyAgent that emits `connect` for every connection it opens, direct or tunnelled
 * through the proxy, as undici's Agent does and EnvHttpProxyAgent (whose agents are its own)
 * does not: outbound-request.ts learns from it whether a call went out on a connection that
 * was already open. The factory makes what undici's own default makes for an origin.
 */
function envProxyAgent(): EnvHttpProxyAgent {
  const agent: EnvHttpProxyAgent = new EnvHttpProxyAgent({
    factory: (origin, options: Pool.Options) => {
      const connections = options.connections === 1 ? new Client(origin, options) : new Pool(origin, options);
      return connections.on('connect', (url, targets) => agent.emit('connect', url, [agent, ...targets]));
    },
  });
  return agent;
}

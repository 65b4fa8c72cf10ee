import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
let current: { settings: string; agent: EnvHttpProxyAgent } | undefined;

/**
 * Through a company proxy when HTTPS_PROXY / HTTP_PROXY say so and NO_PROXY does not exempt the
 * host (upper or lower case, read by undici's EnvHttpProxyAgent); direct otherwise. Kept-alive
 * connections either way. The agent reads the variables when it is made, so a new one is made
 * when they change. Also the dispatcher of the Slack Socket Mode WebSocket (when a proxy is set).
 */
export function outboundDispatcher(): EnvHttpProxyAgent {
  const settings = PROXY_VARIABLES.map((name) => process.env[name] ?? '').join('\n');
  if (current?.settings !== settings) current = { settings, agent: new EnvHttpProxyAgent() };
  return current.agent;
}

/** Whether HTTPS_PROXY or HTTP_PROXY (either case) names a proxy now. */
export function proxyConfigured(): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) =>
    Boolean(process.env[name]?.trim()),
  );
}

/**
 * `fetch` for the libraries that take one (the Slack WebClient and Bolt's `respond`): undici's,
 * with the proxy dispatcher above. Node 20's own fetch reads no proxy variables (Node 22.21 and
 * 24.5 add NODE_USE_ENV_PROXY), and WebClient 8 takes a `fetch` instead of an `agent`.
 */
export const outboundFetch: typeof fetch = async (input, init) => {
  // The runtime's Request encodes the body (a FormData file upload becomes multipart with its
  // boundary): undici's fetch knows only its own package's FormData class.
  const request = new Request(input, init);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const answer = await undiciFetch(request.url, {
    method: request.method,
    headers: [...request.headers],
    body,
    redirect: request.redirect,
    signal: init?.signal ?? null,
    dispatcher: outboundDispatcher(),
  });
  return answer as unknown as Response;
};

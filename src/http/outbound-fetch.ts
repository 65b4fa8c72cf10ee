import { fetch as undiciFetch } from 'undici';
import { outboundDispatcher } from './outbound-dispatcher.js';

/**
 * `fetch` for the libraries that take one (the Slack WebClient and Bolt's `respond`): undici's,
 * on the outbound dispatcher (the proxy variables, kept-alive connections). Node 20's own fetch
 * reads no proxy variables (Node 22.21 and 24.5 add NODE_USE_ENV_PROXY), and WebClient 8 takes a
 * `fetch` instead of an `agent`.
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

import { type RequestInit as UndiciRequestInit, fetch as undiciFetch } from 'undici';
import { outboundDispatcher } from './outbound-dispatcher.js';

/**
 * `fetch` for the libraries that take one (the Slack WebClient and Bolt's `respond`): undici's,
 * on the outbound dispatcher (the proxy variables, kept-alive connections). Node 20's own fetch
 * reads no proxy variables (Node 22.21 and 24.5 add NODE_USE_ENV_PROXY), and WebClient 8 takes a
 * `fetch` instead of an `agent`.
 */
export const outboundFetch: typeof fetch = async (input, init) => {
  const dispatcher = outboundDispatcher();
  if (typeof input === 'string' && !(init?.body instanceof FormData)) {
    // What the libraries send almost always: a URL and a text body (WebClient's url-encoded
    // arguments, respond's JSON), which undici's fetch takes as it is.
    const { method, headers, body, redirect, signal } = init ?? {};
    const answer = await undiciFetch(input, {
      method,
      // The runtime's fetch types and undici's are two copies of one definition.
      headers: headers as UndiciRequestInit['headers'],
      body: body as UndiciRequestInit['body'],
      redirect,
      signal: signal ?? null,
      dispatcher,
    });
    return answer as unknown as Response;
  }
  // A FormData (a file upload): the runtime's Request encodes it as multipart with its boundary,
  // which undici's fetch cannot do for the runtime's FormData class, only for its own package's.
  const request = new Request(input, init);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const answer = await undiciFetch(request.url, {
    method: request.method,
    headers: [...request.headers],
    body,
    redirect: request.redirect,
    signal: init?.signal ?? null,
    dispatcher,
  });
  return answer as unknown as Response;
};

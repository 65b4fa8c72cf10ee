import { type HttpAnswer, requestOverHttp } from '../../src/http/outgoing-request.js';

/**
 * The `fetch` the Slack WebClient is given (its documented transport option). Node 20's own
 * fetch costs about twice the CPU per Web API call of `node:http` with kept-alive
 * connections, and every click makes three calls. Plain POSTs of a string body (every
 * Web API method we call) go through `node:http(s)`; anything else (a file upload's form,
 * a timeout signal) goes to the built-in fetch as before.
 */
export const nodeHttpFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const body = init?.body;
  const secure = url.protocol === 'https:';
  if (
    typeof body !== 'string' ||
    init?.signal ||
    input instanceof Request ||
    (!secure && url.protocol !== 'http:')
  ) {
    return fetch(input, init);
  }
  return requestOverHttp(
    url,
    Object.fromEntries(new Headers(init?.headers).entries()),
    body,
    init?.method ?? 'GET',
  ).then(toResponse);
};

function toResponse(answer: HttpAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const { status, statusMessage, body } = answer;
  const empty = status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : body, { status, statusText: statusMessage, headers });
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { outboundAgent } from './outbound-agent.js';

/**
 * `fetch` for the libraries that take one (the Slack WebClient and Bolt's `respond`), sending
 * each request through the one outbound agent so HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply.
 * Needed because Node 20's own fetch can use neither an `http.Agent` nor the proxy variables
 * (Node 22.21 and 24.5 add NODE_USE_ENV_PROXY), and WebClient 8 replaced its `agent` option by
 * this `fetch` one. Redirects are not followed: Slack's Web API does not send them, WebClient
 * asks for `redirect: 'error'`, and a 3xx fails the call as a non-200 answer.
 */
export async function outboundFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  // Request encodes the body the way fetch would: a FormData (a file upload) becomes multipart
  // with its boundary in content-type.
  const request = new Request(input, init);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (body) headers['content-length'] = String(body.length);
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const attempt = (retried: boolean): Promise<Response> =>
    new Promise((resolve, reject) => {
      const outgoing = send(
        url,
        { method: request.method, headers, agent: outboundAgent, signal: request.signal },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            try {
              resolve(toResponse(incoming, Buffer.concat(chunks)));
            } catch (error) {
              // A status Response refuses (outside 200–599) from something that is not Slack.
              reject(error);
            }
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed as idle just as we reused it: the server read
        // nothing, so Node's documented answer is to send once more on a fresh connection rather
        // than fail a click (whose trigger_id expires in 3 s) or push a delivery into backoff.
        if (!retried && outgoing.reusedSocket && error.code === 'ECONNRESET') {
          attempt(true).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      // Only once the agent has picked the connection. proxy-agent picks asynchronously, and
      // through an HTTP proxy its http-proxy-agent then rewrites the path to absolute form; on a
      // reused kept-alive proxy connection it leaves a request line already written untouched,
      // and the proxy refuses it (the symptom of TooTallNate/proxy-agents#169).
      outgoing.once('socket', () => outgoing.end(body));
    });
  return attempt(false);
}

function toResponse(incoming: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = incoming.statusCode ?? 502;
  const empty = status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : body, { status, statusText: incoming.statusMessage ?? '', headers });
}

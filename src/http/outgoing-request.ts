import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export type HttpAnswer = {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

/** How long a platform call may go without a byte either way before it is abandoned. */
export const IDLE_TIMEOUT_MS = 30_000;

/**
 * One request with a string body over `node:http(s)` and kept-alive agents; resolves with the
 * whole answer, whatever its status. The platforms' Web APIs (Slack's, the Bot Connector) are
 * called through this: Node 20's fetch costs about twice the CPU per call. A connection that
 * goes silent (a half-open socket after a network fault) fails the call after `idleTimeoutMs`,
 * so the job that made it is retried instead of holding its ordering key forever.
 */
export function requestOverHttp(
  url: URL,
  headers: Record<string, string>,
  body: string,
  method = 'POST',
  idleTimeoutMs = IDLE_TIMEOUT_MS,
): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const attempt = (retried: boolean): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const outgoing = send(
        url,
        { method, headers, agent: secure ? agents.https : agents.http },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 502,
              statusMessage: incoming.statusMessage ?? '',
              headers: incoming.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      outgoing.setTimeout(idleTimeoutMs, () => {
        outgoing.destroy(
          Object.assign(new Error(`${method} ${url.host}${url.pathname}: no answer in ${idleTimeoutMs} ms`), {
            code: 'ETIMEDOUT',
          }),
        );
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed as idle just as we reused it: the server read
        // nothing, so Node's documented answer is to send once more on a fresh connection rather
        // than fail a delivery into the queue's backoff.
        if (!retried && outgoing.reusedSocket && error.code === 'ECONNRESET') {
          attempt(true).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      outgoing.end(body);
    });
  return attempt(false);
}

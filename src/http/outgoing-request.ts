import { type Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { outboundAgent } from './outbound-agent.js';

export type HttpAnswer = {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

/** How long a platform call may go without a byte either way before it is abandoned. */
export const IDLE_TIMEOUT_MS = 30_000;

/**
 * The most of an answer's body a call reads. A platform's answer to anything gapdesk asks is a
 * few KB; a body past this is not one (a proxy's error page, a misrouted download), and reading
 * it whole would hold that much memory per call.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export type OutgoingOptions = {
  /** Carries the connection: by default the shared one that honours the proxy variables. */
  agent?: Agent;
  /** An answer whose body is longer fails the call, unread past this. */
  maxAnswerBytes?: number;
  /** A connection silent for this long fails the call. */
  idleTimeoutMs?: number;
};

/**
 * One request with a string body over `node:http(s)`; resolves with the whole answer, whatever
 * its status. The Bot Connector is called through this (adapters/teams/connector-rest.ts).
 * It goes out through `outboundAgent` (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, kept-alive
 * connections) unless given another agent. A connection that goes silent (a half-open socket
 * after a network fault) fails the call after `idleTimeoutMs`, so the job that made it is
 * retried instead of holding its ordering key forever; an answer longer than `maxAnswerBytes`
 * fails it (code ERR_ANSWER_TOO_LARGE) as soon as that shows.
 */
export function requestOverHttp(
  url: URL,
  headers: Record<string, string>,
  body: string,
  method = 'POST',
  options: OutgoingOptions = {},
): Promise<HttpAnswer> {
  const {
    agent = outboundAgent,
    maxAnswerBytes = MAX_ANSWER_BYTES,
    idleTimeoutMs = IDLE_TIMEOUT_MS,
  } = options;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `${method} ${url.host}${url.pathname}`;
  const attempt = (retried: boolean): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const length = Buffer.byteLength(body);
      const framed = length > 0 || method !== 'GET' ? { 'content-length': String(length) } : {};
      const outgoing = send(url, { method, headers: { ...headers, ...framed }, agent }, (incoming) => {
        const tooLarge = () => {
          const error = Object.assign(
            new Error(`${where}: the answer is longer than ${maxAnswerBytes} bytes, not read`),
            { code: 'ERR_ANSWER_TOO_LARGE' },
          );
          reject(error);
          outgoing.destroy(error);
        };
        if (Number(incoming.headers['content-length'] ?? 0) > maxAnswerBytes) {
          tooLarge();
          return;
        }
        const chunks: Buffer[] = [];
        let read = 0;
        incoming.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > maxAnswerBytes) {
            tooLarge();
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 502,
            statusMessage: incoming.statusMessage ?? '',
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      const timedOut = (what: string) =>
        Object.assign(new Error(`${where}: ${what} in ${idleTimeoutMs} ms`), { code: 'ETIMEDOUT' });
      // The socket's idle timer only starts once the agent has placed the request on a socket;
      // until then (a proxy that takes the connection and never answers CONNECT) this one runs.
      // A request without a socket reports no error when destroyed, so this one rejects itself.
      const placing = setTimeout(() => {
        const error = timedOut('no connection');
        reject(error);
        outgoing.destroy(error);
      }, idleTimeoutMs);
      outgoing.once('close', () => clearTimeout(placing));
      outgoing.setTimeout(idleTimeoutMs, () => outgoing.destroy(timedOut('no answer')));
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
      // Written once the agent has placed the request: http-proxy-agent turns the request line
      // into the absolute form a proxy needs when it is handed the request, and a head written
      // before that (end() at once) reached the proxy in origin form on a reused connection.
      outgoing.once('socket', () => {
        clearTimeout(placing);
        outgoing.end(body);
      });
    });
  return attempt(false);
}

import { type Dispatcher, request } from 'undici';
import { MAX_ANSWER_BYTES, outboundDispatcher } from './outbound-dispatcher.js';

export { MAX_ANSWER_BYTES };

/** How long a call may wait for its answer once sent, or for the answer's next bytes. */
export const IDLE_TIMEOUT_MS = 30_000;
/**
 * A whole call's limit, connecting (a proxy's CONNECT) included. Twice the idle timeout, so that
 * one still names a silent server first: at the same 30 s this would always fire before it.
 */
export const DEADLINE_MS = 60_000;

/** An answer's headers, names in lower case; a repeated one (set-cookie) as an array. */
export type AnswerHeaders = Dispatcher.ResponseData['headers'];
export type OutboundAnswer = { status: number; headers: AnswerHeaders; text: string };
export type OutboundCall = { method: 'GET' | 'POST' | 'PUT'; headers: Record<string, string>; body?: string };
export type OutboundOptions = {
  dispatcher?: Dispatcher;
  maxAnswerBytes?: number;
  idleTimeoutMs?: number;
  deadlineMs?: number;
};

/**
 * One call on undici's `request` for the Bot Connector (adapters/teams/connector-rest.ts) and
 * Entra ID (entra-id-network.ts), on `outboundDispatcher()` unless given another; resolves with
 * the whole answer as text, whatever its status. Past `idleTimeoutMs` or `deadlineMs` it fails
 * with code ETIMEDOUT (its job is retried, not left holding its ordering key); past
 * `maxAnswerBytes`, with ERR_ANSWER_TOO_LARGE. A dropped connection fails the call, a reused one
 * the server had closed as idle too: nothing is resent here. The job queue retries a delivery
 * with backoff, as for Slack's fetch path, and idempotency keys and message references keep that
 * from showing twice; a reply within a turn fails the turn (onTurnError apologises).
 */
export async function outboundRequest(
  url: URL,
  call: OutboundCall,
  options: OutboundOptions = {},
): Promise<OutboundAnswer> {
  const { dispatcher = outboundDispatcher(), maxAnswerBytes = MAX_ANSWER_BYTES } = options;
  const { idleTimeoutMs = IDLE_TIMEOUT_MS, deadlineMs = DEADLINE_MS } = options;
  const failure = (code: string, what: string, cause?: unknown) =>
    Object.assign(new Error(`${call.method} ${url.host}${url.pathname}: ${what}`, { cause }), { code });
  const tooLarge = () =>
    failure('ERR_ANSWER_TOO_LARGE', `the answer is longer than ${maxAnswerBytes} bytes, not read`);
  const signal = AbortSignal.timeout(deadlineMs);
  const sent = { ...call, dispatcher, signal, headersTimeout: idleTimeoutMs, bodyTimeout: idleTimeoutMs };
  let answer: Dispatcher.ResponseData | undefined;
  try {
    answer = await beforeDeadline(signal, request(url, sent));
    if (Number(answer.headers['content-length'] ?? 0) > maxAnswerBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let read = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > maxAnswerBytes) throw tooLarge();
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return { status: answer.statusCode, headers: answer.headers, text };
  } catch (error) {
    // Destroying the unread rest closes the connection, so no more of it is sent or read.
    answer?.body.on('error', () => {}).destroy();
    const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
    // The dispatcher's own cap (outbound-dispatcher.ts) can stop the answer first.
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') throw Object.assign(tooLarge(), { cause: error });
    const idle = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    if (!idle && name !== 'TimeoutError') throw error;
    throw failure('ETIMEDOUT', `no answer in ${idle ? idleTimeoutMs : deadlineMs} ms`, error);
  }
}

/**
 * undici's `request` heeds its signal only once the call is on a connection (and then drops it
 * unsent), so until then, as with a proxy that never answers CONNECT, only this race ends the
 * wait. The listener goes with the answer: Node keeps a timeout signal that has one alive.
 */
function beforeDeadline<T>(deadline: AbortSignal, answer: Promise<T>): Promise<T> {
  let expire = () => {};
  const expired = new Promise<never>((_resolve, reject) => {
    expire = () => reject(deadline.reason);
    deadline.addEventListener('abort', expire);
  });
  return Promise.race([answer, expired]).finally(() => deadline.removeEventListener('abort', expire));
}

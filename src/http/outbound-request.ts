import { type Dispatcher, request } from 'undici';
import { outboundDispatcher } from './outbound-dispatcher.js';

/** How long a platform call may wait for a connection, its answer or the answer's next bytes. */
export const IDLE_TIMEOUT_MS = 30_000;

/**
 * The most of an answer's body a call reads. A platform's answer to anything gapdesk asks is a
 * few KB; a body past this is not one (a proxy's error page, a misrouted download), and reading
 * it whole would hold that much memory per call.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * How many times in a row a call is sent again after a reused connection dropped it. Each time
 * uses up one connection the server had closed (undici does not write to one whose close it
 * has already read); more in a row than this is not that race, and the job queue's backoff is
 * the answer to it.
 */
const RESENDS = 3;

/** An answer's headers, names in lower case; a repeated one (set-cookie) as an array. */
export type AnswerHeaders = Dispatcher.ResponseData['headers'];

export type OutboundAnswer = { status: number; headers: AnswerHeaders; text: string };

export type OutboundCall = {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
};

export type OutboundOptions = {
  /** Carries the call: by default the one that honours the proxy variables (outbound-dispatcher.ts). */
  dispatcher?: Dispatcher;
  /** An answer whose body is longer fails the call, unread past this. */
  maxAnswerBytes?: number;
  /** A call that waits this long for a connection, for its answer or for the answer's next bytes fails. */
  idleTimeoutMs?: number;
};

/**
 * One call with a string body on undici's `request`; resolves with the whole answer as text,
 * whatever its status. The Bot Connector (adapters/teams/connector-rest.ts) and Entra ID
 * (entra-id-network.ts) are called through this, on `outboundDispatcher()` (HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, kept-alive connections) unless given another dispatcher. A call that
 * gets no connection, no answer or no more of its answer for `idleTimeoutMs` (a proxy that never
 * opens the tunnel, a half-open socket after a network fault) fails with code ETIMEDOUT, so the
 * job that made it is retried instead of holding its ordering key forever; an answer longer than
 * `maxAnswerBytes` fails it (code ERR_ANSWER_TOO_LARGE) as soon as that shows.
 */
export async function outboundRequest(
  url: URL,
  call: OutboundCall,
  options: OutboundOptions = {},
): Promise<OutboundAnswer> {
  const {
    dispatcher = outboundDispatcher(),
    maxAnswerBytes = MAX_ANSWER_BYTES,
    idleTimeoutMs = IDLE_TIMEOUT_MS,
  } = options;
  const where = `${call.method} ${url.host}${url.pathname}`;
  const timedOut = (what: string, cause?: unknown) =>
    Object.assign(new Error(`${where}: ${what} in ${idleTimeoutMs} ms`, { cause }), { code: 'ETIMEDOUT' });
  const opened = connectionsOpened(dispatcher);

  const send = async (resent = 0): Promise<Dispatcher.ResponseData> => {
    const before = opened.count;
    let placedOn: 'an open connection' | 'a new connection' | undefined;
    // undici's own timers start once a request is written to a connection; until then (a proxy
    // that takes the connection and never answers CONNECT) this one runs. An abort before then
    // only marks the request, so the call stops waiting for it here, and undici drops it unsent
    // if a connection ever comes.
    const abandon = new AbortController();
    let giveUp: (error: Error) => void = () => {};
    const unplaced = new Promise<never>((_resolve, reject) => {
      giveUp = reject;
    });
    const placing = setTimeout(() => {
      const error = timedOut('no connection');
      abandon.abort(error);
      giveUp(error);
    }, idleTimeoutMs);
    const placed = () => {
      clearTimeout(placing);
      placedOn = opened.count === before ? 'an open connection' : 'a new connection';
    };
    try {
      return await Promise.race([
        request(url, {
          method: call.method,
          headers: call.headers,
          body: call.body,
          dispatcher: dispatcher.compose(whenPlaced(placed)),
          signal: abandon.signal,
          headersTimeout: idleTimeoutMs,
          bodyTimeout: idleTimeoutMs,
        }),
        unplaced,
      ]);
    } catch (error) {
      // A kept-alive connection the server closed as idle just as it was reused: the server read
      // nothing, so the answer (Node's documented one) is to send again rather than fail a
      // delivery into the queue's backoff. undici may place it on another connection the server
      // has closed as well. A new connection that drops fails the call: that server may have
      // read it.
      if (resent < RESENDS && placedOn === 'an open connection' && dropped(error)) return send(resent + 1);
      throw codeOf(error) === 'UND_ERR_HEADERS_TIMEOUT' ? timedOut('no answer', error) : error;
    } finally {
      clearTimeout(placing);
    }
  };

  const answer = await send();
  const tooLarge = () =>
    Object.assign(new Error(`${where}: the answer is longer than ${maxAnswerBytes} bytes, not read`), {
      code: 'ERR_ANSWER_TOO_LARGE',
    });
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    if (Number(answer.headers['content-length'] ?? 0) > maxAnswerBytes) throw tooLarge();
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > maxAnswerBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    // Destroying the unread rest closes the connection, so no more of it is sent or read.
    answer.body.on('error', () => {}).destroy();
    throw codeOf(error) === 'UND_ERR_BODY_TIMEOUT' ? timedOut('no answer', error) : error;
  }
  return { status: answer.statusCode, headers: answer.headers, text: Buffer.concat(chunks).toString('utf8') };
}

/** How many connections a dispatcher has opened (it emits `connect` for each), counted from the first call on it. */
const openedBy = new WeakMap<Dispatcher, { count: number }>();

function connectionsOpened(dispatcher: Dispatcher): { count: number } {
  let counter = openedBy.get(dispatcher);
  if (!counter) {
    const counting = { count: 0 };
    dispatcher.on('connect', () => {
      counting.count += 1;
    });
    openedBy.set(dispatcher, counting);
    counter = counting;
  }
  return counter;
}

/**
 * The call unchanged, and `placed` told when undici writes it to a connection. undici says
 * neither when that is nor which connection it was: a call written with no connection opened
 * since it was sent went out on one already open (another call opening one meanwhile makes it
 * look new, the side that never sends twice).
 */
function whenPlaced(placed: () => void): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    dispatch(options, {
      onRequestStart: (controller, context) => {
        placed();
        handler.onRequestStart?.(controller, context);
      },
      onRequestUpgrade: (controller, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      onResponseStart: (controller, statusCode, headers, statusMessage) =>
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
}

/** The connection closed or was reset under a call that had no answer yet. */
function dropped(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

import { Agent, request } from 'node:http';

/**
 * The load generators' HTTP client: a POST over `node:http` with kept-alive connections (as
 * Slack and the Bot Connector keep theirs). The latency a bench reports is measured in the load
 * generator's own event loop, so the generator's CPU per request is noise in every sample:
 * Node's fetch costs several times this, and its stalls showed up in both servers' p99.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export type Posted = { status: number; ms: number };

/** POSTs `body` to `url` and resolves once the whole answer is in, with its status and latency. */
export function post(url: string, headers: Record<string, string>, body: string): Promise<Posted> {
  const sent = performance.now();
  const attempt = (retried: boolean): Promise<Posted> =>
    new Promise((resolve, reject) => {
      const outgoing = request(url, { method: 'POST', headers, agent }, (incoming) => {
        incoming.on('data', () => undefined);
        incoming.on('error', reject);
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, ms: performance.now() - sent }));
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as idle (its 5 s keep-alive timeout, e.g. while
        // the bench waits for a bot to go idle) fails the next request sent on it before the
        // server reads a byte: Node's documented case for sending it again on a new socket.
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

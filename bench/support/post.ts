import { Agent } from 'undici';
import { outboundRequest } from '../../src/http/outbound-request.js';

export type Posted = { status: number; ms: number };

/** Loopback only: kept-alive connections straight to the server, never through a proxy. */
const direct = new Agent();

/**
 * The load generators' HTTP client: gapdesk's own outgoing request (undici's `request`,
 * kept-alive connections, as Slack and the Bot Connector keep theirs), on a dispatcher of its
 * own. The latency a bench reports is measured in the load generator's own event loop, so the
 * generator's CPU per request is noise in every sample: Node's fetch costs several times this,
 * and its stalls showed up in both servers' p99. Resolves once the whole answer is in, with its
 * status and latency.
 */
export async function post(url: string, headers: Record<string, string>, body: string): Promise<Posted> {
  const sent = performance.now();
  const answer = await outboundRequest(
    new URL(url),
    { method: 'POST', headers, body },
    { dispatcher: direct },
  );
  return { status: answer.status, ms: performance.now() - sent };
}

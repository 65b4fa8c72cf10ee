import { Agent } from 'node:http';
import { requestOverHttp } from '../../src/http/outgoing-request.js';

export type Posted = { status: number; ms: number };

/**
 * The load generators' HTTP client: gapdesk's own outgoing request (`node:http`, kept-alive
 * connections, as Slack and the Bot Connector keep theirs). The latency a bench reports is
 * measured in the load generator's own event loop, so the generator's CPU per request is noise
 * in every sample: Node's fetch costs several times this, and its stalls showed up in both
 * servers' p99. Resolves once the whole answer is in, with its status and latency.
 */
/** Loopback only: kept-alive connections straight to the server, never through a proxy. */
const direct = new Agent({ keepAlive: true });

export async function post(url: string, headers: Record<string, string>, body: string): Promise<Posted> {
  const sent = performance.now();
  const answer = await requestOverHttp(new URL(url), headers, body, 'POST', { agent: direct });
  return { status: answer.status, ms: performance.now() - sent };
}

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP load balancer on 127.0.0.1: each request goes to the next upstream, as a
 * load balancer in front of replicas sends it. An upstream that refuses a connection or drops
 * one mid-request is taken out of rotation (a passive health check) and the request is answered
 * 502, as such a balancer answers it; Slack shows the person an error and counts no success.
 */
export class Forwarder {
  /** Requests sent to each upstream (by its index), answered or not. */
  readonly sentTo: number[];
  private readonly down = new Set<number>();
  private next = 0;

  private constructor(
    private readonly server: Server,
    private readonly upstreams: readonly number[],
  ) {
    this.sentTo = upstreams.map(() => 0);
  }

  static async start(upstreamPorts: readonly number[]): Promise<Forwarder> {
    let forwarder: Forwarder | undefined;
    const server = createServer((req, res) => forwarder?.forward(req, res));
    forwarder = new Forwarder(server, upstreamPorts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return forwarder;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private pick(): number | undefined {
    for (let tried = 0; tried < this.upstreams.length; tried++) {
      const index = this.next;
      this.next = (this.next + 1) % this.upstreams.length;
      if (!this.down.has(index)) return index;
    }
    return undefined;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const index = this.pick();
    const port = index === undefined ? undefined : this.upstreams[index];
    if (index === undefined || port === undefined) {
      res.writeHead(503).end('no upstream');
      return;
    }
    this.sentTo[index] = (this.sentTo[index] ?? 0) + 1;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('error', () => {
      this.down.add(index);
      if (!res.headersSent) res.writeHead(502).end('upstream failed');
      else res.destroy();
    });
    req.pipe(upstream);
  }
}

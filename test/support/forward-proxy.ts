import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { Duplex } from 'node:stream';

/** What a forward proxy was asked to reach: `GET http://host/path` forwarded, or `CONNECT host:port` tunnelled. */
export type ProxiedCall = { method: string; target: string };

export type ForwardProxy = {
  /** `http://127.0.0.1:<port>`, the value for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  calls: ProxiedCall[];
  /** How many connections clients opened to the proxy (kept-alive ones count once). */
  connections(): number;
  close(): Promise<void>;
};

/**
 * A company's outbound proxy in miniature, on 127.0.0.1: plain HTTP requests in absolute form
 * are forwarded, CONNECT opens a tunnel (how HTTPS goes through a proxy). Every call is
 * recorded, so a test can tell which outgoing calls went through it. A call to a host beyond
 * loopback is recorded and refused (502): the network guard keeps the proxy on this machine too.
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const calls: ProxiedCall[] = [];
  const server = createServer((incoming, outgoing) => {
    if (!URL.canParse(incoming.url ?? '')) {
      // Origin form (`GET /path`): a client that took this proxy for the server. Refused, as a
      // proxy would, and recorded, so the test sees it.
      calls.push({ method: incoming.method ?? 'GET', target: incoming.url ?? '' });
      outgoing.writeHead(400).end();
      return;
    }
    const target = new URL(incoming.url ?? '/');
    calls.push({ method: incoming.method ?? 'GET', target: target.href });
    let forwarded: ReturnType<typeof httpRequest>;
    try {
      forwarded = httpRequest(
        target,
        { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
    } catch {
      // The network guard refuses a host that is not loopback: answered as a proxy would.
      outgoing.writeHead(502).end();
      return;
    }
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  // A tunnel is no longer the server's connection, so closeAllConnections() leaves it open.
  const tunnels = new Set<Duplex>();
  server.on('connect', (incoming, client, head) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const target = incoming.url ?? '';
    // Through a tunnel to a TLS port a proxy sees only the CONNECT. The fakes speak plain HTTP
    // inside theirs, so each call through it is recorded as if it were forwarded: a client
    // that tunnels (undici does, for every target) is seen call by call, not per connection.
    if (target.endsWith(':443')) calls.push({ method: 'CONNECT', target });
    else
      client.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('latin1').matchAll(/^([A-Z]+) (\/\S*) HTTP\/1\.[01]\r$/gm)) {
          calls.push({ method: line[1] ?? '', target: `http://${target}${line[2] ?? ''}` });
        }
      });
    const [host, port] = target.split(':');
    let upstream: ReturnType<typeof connect>;
    try {
      upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
    } catch {
      // The network guard refuses a host that is not loopback: the tunnel is refused.
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      for (const tunnel of tunnels) tunnel.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

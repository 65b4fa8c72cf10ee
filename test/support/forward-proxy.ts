import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

/** What a forward proxy was asked to reach: `GET http://host/path` forwarded, or `CONNECT host:port` tunnelled. */
export type ProxiedCall = { method: string; target: string };

export type ForwardProxy = {
  /** `http://127.0.0.1:<port>`, the value for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
};

/**
 * A company's outbound proxy in miniature, on 127.0.0.1: plain HTTP requests in absolute form
 * are forwarded, CONNECT opens a tunnel (how HTTPS goes through a proxy). Every call is
 * recorded, so a test can tell which outgoing calls went through it.
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const calls: ProxiedCall[] = [];
  const server = createServer((incoming, outgoing) => {
    const requested = incoming.url ?? '/';
    if (!URL.canParse(requested)) {
      // What a real proxy does with a request line that is not in absolute form; recorded as it
      // came, so a test sees which call was sent wrongly instead of the proxy crashing.
      calls.push({ method: incoming.method ?? 'GET', target: requested });
      outgoing.writeHead(400, { 'content-type': 'text/plain' }).end('a proxy needs absolute URLs');
      return;
    }
    const target = new URL(requested);
    calls.push({ method: incoming.method ?? 'GET', target: target.href });
    const forwarded = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.on('connect', (incoming, client, head) => {
    const target = incoming.url ?? '';
    // The fakes speak plain HTTP inside the tunnel, so each call through it can be recorded as
    // if it were forwarded: a client that tunnels (undici does, for every target) is seen
    // call by call, not once per connection.
    client.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('latin1').matchAll(/^([A-Z]+) (\/\S*) HTTP\/1\.[01]\r$/gm)) {
        calls.push({ method: line[1] ?? '', target: `http://${target}${line[2] ?? ''}` });
      }
    });
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

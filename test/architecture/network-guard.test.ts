import net from 'node:net';
import { describe, expect, it } from 'vitest';

describe('the test network guard', () => {
  it('refuses a connection to a host that is not loopback, before any lookup or packet', () => {
    // .invalid never resolves, so even a broken guard could not send traffic anywhere.
    expect(() => net.connect({ host: 'gapdesk-guard-check.invalid', port: 443 })).toThrow(/network guard/);
    expect(() => net.connect(443, 'gapdesk-guard-check.invalid')).toThrow(/network guard/);
  });

  it('lets loopback connections through', async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.destroy();
    server.close();
    expect(port).toBeGreaterThan(0);
  });
});

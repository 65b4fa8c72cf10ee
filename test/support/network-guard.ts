// Loaded before every test file: any socket to a host that is not loopback fails the test that
// opened it. Proves no test secretly reaches slack.com or Microsoft's login service.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

type ConnectArgs = Parameters<net.Socket['connect']>;

function targetHost(rawArgs: unknown[]): string | undefined {
  // net.connect() hands Socket#connect its already-normalised [options, callback] array.
  const args = Array.isArray(rawArgs[0]) ? (rawArgs[0] as unknown[]) : rawArgs;
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined;
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  return undefined;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`network guard: tests may only connect to loopback, not ${host}`);
  }
  return originalConnect.apply(this, args);
} as net.Socket['connect'];

import { type AddressInfo, createServer, type Socket } from 'node:net';

const OK =
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"ok":true}';

/**
 * A raw TCP server that answers the first request on each connection and then plays the server
 * of a kept-alive connection it has just closed as idle: the next request on that connection is
 * dropped unread. `resetFirst` drops the very first request; `silent` never answers.
 */
export async function startRawServer(options: { resetFirst?: boolean; silent?: boolean } = {}) {
  const seen = { connections: 0, answered: 0 };
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    seen.connections += 1;
    let requests = 0;
    socket.on('data', () => {
      if (options.silent) return;
      requests += 1;
      if (requests > 1 || options.resetFirst) {
        socket.destroy();
        return;
      }
      seen.answered += 1;
      socket.write(OK);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat.postMessage`;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { close, url, seen };
}

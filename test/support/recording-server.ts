import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a recording server received, body read in full. */
export type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };

export type RecordingServer = {
  /** `http://127.0.0.1:<port>` */
  base: string;
  received: Received[];
  close(): Promise<void>;
};

/** An HTTP server on 127.0.0.1 that records every request and answers it with `answer`. */
export async function startRecordingServer(
  answer: (request: Received, response: ServerResponse) => void,
): Promise<RecordingServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

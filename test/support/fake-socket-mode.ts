import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SlackResponse, SlackTransport } from '../../src/sandbox/slack-requests.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What Slack sends over a Socket Mode connection: the payload an HTTP request would carry, wrapped. */
export type Envelope = {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
};

/** An acknowledgement the app sent back: the envelope's id and, where one is due, a response payload. */
export type Ack = { envelope_id: string; payload?: Record<string, unknown> };

type InFlight = {
  envelope: Envelope;
  /** The connection it went out on (undefined while it waits for one). */
  connection: number | undefined;
  resolve(ack: Ack): void;
  reject(error: Error): void;
};

/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1. Each URL it issues (through the fake Web API's
 * apps.connections.open) admits one connection; on connect it says `hello`, then sends the
 * envelopes the test gives it and resolves each once the app acknowledges it by `envelope_id`.
 * Like Slack, it redelivers an Events API envelope that was not acknowledged before its
 * connection went (as `retry_attempt` + 1 on the next connection, same event_id), and holds
 * events sent while no connection is open until one is; a command or interaction has no retry
 * (the person would see an error), so the test's send fails instead.
 */
export class FakeSocketMode {
  /** Every envelope sent, redeliveries included, in order. */
  readonly sent: Envelope[] = [];
  readonly acks: Ack[] = [];
  /** Connections opened so far, each with a URL of its own. */
  connections = 0;
  private readonly tickets = new Set<string>();
  private readonly inFlight = new Map<string, InFlight>();
  private current: { socket: WebSocket; number: number } | undefined;
  private loseAck: { match: (envelope: Envelope) => boolean; dropped(): void } | undefined;
  private closeWaiters: { count: number; resolve(): void }[] = [];
  private connectionWaiters: { count: number; resolve(): void }[] = [];
  private ticketCounter = 0;
  private greetNext = true;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly base: string,
  ) {}

  static async start(): Promise<FakeSocketMode> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    let fake: FakeSocketMode | undefined;
    const wss = new WebSocketServer({
      server,
      verifyClient: ({ req }: { req: IncomingMessage }) => fake?.admit(req) ?? false,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSocketMode(server, wss, `ws://127.0.0.1:${port}/link/`);
    wss.on('connection', (socket) => fake?.connected(socket));
    return fake;
  }

  /** A fresh one-time connection URL, as apps.connections.open answers. */
  issueUrl(): string {
    this.ticketCounter += 1;
    const ticket = `ticket-${this.ticketCounter}-${randomUUID()}`;
    this.tickets.add(ticket);
    return `${this.base}?ticket=${ticket}&app_id=A0GAPDESK`;
  }

  /** Sends an envelope; resolves with the app's acknowledgement of it (or of its redelivery). */
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retry?: { attempt: number; reason: string },
  ): Promise<Ack> {
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      // Slack takes a response payload for commands and for the modal answers of a view_submission.
      accepts_response_payload: type === 'slash_commands' || payload.type === 'view_submission',
      ...(type === 'events_api'
        ? { retry_attempt: retry?.attempt ?? 0, retry_reason: retry?.reason ?? '' }
        : {}),
    };
    return new Promise<Ack>((resolve, reject) => {
      const flight: InFlight = { envelope, connection: undefined, resolve, reject };
      this.inFlight.set(envelope.envelope_id, flight);
      if (this.current) this.send(flight, this.current);
      else if (type !== 'events_api') this.fail(flight, 'no Socket Mode connection is open');
    });
  }

  /**
   * The connection drops just as the app acknowledges the next envelope `match` accepts: the app
   * has handled it, Slack never hears so (and redelivers it, if it is an event).
   */
  loseAckOf(match: (envelope: Envelope) => boolean): Promise<void> {
    return new Promise((resolve) => {
      this.loseAck = { match, dropped: resolve };
    });
  }

  /** The next connection is accepted but never greeted: the client waits for a `hello` that does not come. */
  withholdHello(): void {
    this.greetNext = false;
  }

  /** The server side drops the connection without a close handshake, as a network failure would. */
  drop(): void {
    // From here on nothing goes out on it; what it had in flight is settled when it has closed.
    const connection = this.current;
    this.current = undefined;
    connection?.socket.terminate();
  }

  /** Slack's routine connection refresh: a `disconnect` message, after which the client reconnects. */
  refresh(): void {
    this.current?.socket.send(
      JSON.stringify({
        type: 'disconnect',
        reason: 'refresh_requested',
        debug_info: { host: 'applink-fake' },
      }),
    );
  }

  /** How each connection that ended ended: the close code (1000 after a close handshake, 1006 without). */
  readonly closes: { connection: number; code: number }[] = [];

  /** Resolves once `count` connections have ended in all. */
  waitForCloses(count: number): Promise<void> {
    if (this.closes.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push({ count, resolve }));
  }

  /** Resolves once `count` connections have been opened (and greeted) in all. */
  waitForConnections(count: number): Promise<void> {
    if (this.connections >= count && this.current) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push({ count, resolve }));
  }

  /** Envelopes not (yet) acknowledged. */
  unacknowledged(): Envelope[] {
    return [...this.inFlight.values()].map((flight) => flight.envelope);
  }

  /** A transport for SlackRequests: the same payloads as over HTTP, as envelopes on this connection. */
  transport(): SlackTransport {
    const answer = async (sent: Promise<Ack>): Promise<SlackResponse> => {
      const ack = await sent;
      const text = ack.payload && Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : '';
      return { status: 200, text, json: () => JSON.parse(text) as unknown };
    };
    return {
      command: (fields) => answer(this.deliver('slash_commands', fields)),
      interactive: (payload) => answer(this.deliver('interactive', payload)),
      event: (body, retryNum) =>
        answer(
          this.deliver(
            'events_api',
            body,
            retryNum === undefined ? undefined : { attempt: retryNum, reason: 'timeout' },
          ),
        ),
    };
  }

  async close(): Promise<void> {
    for (const flight of this.inFlight.values()) this.fail(flight, 'the fake Socket Mode server closed');
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private admit(req: IncomingMessage): boolean {
    const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket') ?? '';
    // Each URL admits one connection: a reconnect must ask apps.connections.open again.
    return this.tickets.delete(ticket);
  }

  private connected(socket: WebSocket): void {
    this.connections += 1;
    const connection = { socket, number: this.connections };
    this.current = connection;
    socket.on('message', (data) => this.received(connection.number, String(data)));
    socket.on('close', (code) => this.closed(connection.number, code));
    const greet = this.greetNext;
    this.greetNext = true;
    if (greet)
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0GAPDESK' },
        }),
      );
    // Events held while no connection was open go out now.
    for (const flight of this.inFlight.values())
      if (flight.connection === undefined) this.send(flight, connection);
    const ready = this.connectionWaiters.filter((waiter) => this.connections >= waiter.count);
    this.connectionWaiters = this.connectionWaiters.filter((waiter) => this.connections < waiter.count);
    for (const waiter of ready) waiter.resolve();
  }

  private send(flight: InFlight, connection: { socket: WebSocket; number: number }): void {
    flight.connection = connection.number;
    this.sent.push(flight.envelope);
    connection.socket.send(JSON.stringify(flight.envelope));
  }

  private received(connection: number, text: string): void {
    // Whatever still trickles in on a dropped connection never reached Slack.
    if (this.current?.number !== connection) return;
    const ack = JSON.parse(text) as Ack;
    const flight = this.inFlight.get(ack.envelope_id);
    if (!flight || flight.connection !== connection) return;
    if (this.loseAck?.match(flight.envelope)) {
      const { dropped } = this.loseAck;
      this.loseAck = undefined;
      this.drop();
      dropped();
      return;
    }
    this.inFlight.delete(ack.envelope_id);
    this.acks.push(ack);
    flight.resolve(ack);
  }

  private closed(connection: number, code: number): void {
    if (this.current?.number === connection) this.current = undefined;
    this.closes.push({ connection, code });
    const done = this.closeWaiters.filter((waiter) => this.closes.length >= waiter.count);
    this.closeWaiters = this.closeWaiters.filter((waiter) => this.closes.length < waiter.count);
    for (const waiter of done) waiter.resolve();
    for (const flight of [...this.inFlight.values()]) {
      if (flight.connection !== connection) continue;
      if (flight.envelope.type !== 'events_api') {
        this.fail(flight, `connection ${connection} dropped before the app acknowledged it`);
        continue;
      }
      // Slack retries an unacknowledged event: a new envelope, the same event, one attempt more.
      this.inFlight.delete(flight.envelope.envelope_id);
      const envelope: Envelope = {
        ...flight.envelope,
        envelope_id: randomUUID(),
        retry_attempt: (flight.envelope.retry_attempt ?? 0) + 1,
        retry_reason: 'timeout',
      };
      const redelivery = { ...flight, envelope, connection: undefined };
      this.inFlight.set(envelope.envelope_id, redelivery);
      if (this.current) this.send(redelivery, this.current);
    }
  }

  private fail(flight: InFlight, reason: string): void {
    this.inFlight.delete(flight.envelope.envelope_id);
    flight.reject(new Error(`fake Socket Mode: ${flight.envelope.type} envelope: ${reason}`));
  }
}

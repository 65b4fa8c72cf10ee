import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.js';
import { admitAll, type BucketLimit, retryAfterSeconds, TokenBuckets } from './rate-limits.js';

/** One Web API call the app made, as Slack would have received it (JSON-valued args parsed). */
export type SlackCall = {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  token: string | null;
  /** How the arguments came: form-encoded (WebClient's way) or JSON. */
  contentType: string;
  response: Record<string, unknown>;
  /** When the fake answered it (ms, by the fake's clock). */
  at: number;
};

/**
 * How a call fails: a 429 or 500 answer, an `ok: false` error, or `lost`: Slack carries the call
 * out (the message is posted) and the connection drops before its answer, as when a process
 * dies between Slack's answer and its own next step.
 */
export type FakeFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { error: string }
  | { answer: 'lost' };
type FailureRule = {
  method: string;
  failure: FakeFailure;
  match: (params: Record<string, unknown>) => boolean;
  remaining: number;
  until: number | null;
};
type DelayRule = { method: string; ms: number; remaining: number };

/**
 * chat.postMessage's limits as Slack documents them: about one message a second per channel,
 * short bursts over that tolerated, and a workspace-wide limit whose figure Slack does not
 * publish; 600 a minute here ("several hundred"), bursts of 20.
 */
export type SlackPostLimits = { perChannel: BucketLimit; workspace: BucketLimit };
export const SLACK_POST_LIMITS: SlackPostLimits = {
  perChannel: { perSecond: 1, burst: 3 },
  workspace: { perSecond: 10, burst: 20 },
};

export type FakeMetadata = { event_type: string; event_payload?: Record<string, unknown> };
export type FakeMessage = {
  ts: string;
  user?: string;
  text: string;
  thread_ts?: string;
  bot_id?: string;
  metadata?: FakeMetadata;
  /** A file share (files.completeUploadExternal with a channel): the files, as history lists them. */
  files?: { id: string; name: string; title: string }[];
};
export type FakeUser = { id: string; name: string; real_name?: string; tz?: string };

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'metadata']);
export const BOT = { userId: 'U0BOT', botId: 'B0BOT', teamId: 'T0GAPDESK' };

/**
 * A fake Slack Web API on 127.0.0.1 that records every call and answers the methods gapdesk
 * uses with Slack-shaped payloads. It can be told to fail (429 with Retry-After, 500, or an
 * `ok: false` error) a number of times or until a moment of the test's clock.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly rejected: { method: string; failure: FakeFailure }[] = [];
  /** Outages: every call fails (500, reset, held unanswered) until the fault's `until`. */
  readonly faults: Faults;
  private postLimits: { channel: TokenBuckets; workspace: TokenBuckets } | undefined;
  private readonly rules: FailureRule[] = [];
  private readonly delays: DelayRule[] = [];
  /** Calls received and not answered yet (held by `delay`), by method. */
  readonly inFlight: string[] = [];
  private readonly messages = new Map<string, FakeMessage[]>();
  private readonly users = new Map<string, FakeUser>();
  /** Bytes received at the upload URLs files.getUploadURLExternal handed out, by file id. */
  readonly uploads = new Map<string, Buffer>();
  /** The filename each upload URL was asked for with, by file id. */
  private readonly fileNames = new Map<string, string>();
  private socketModeUrl: (() => string) | undefined;
  private fileCounter = 0;
  private seq = 0;
  private lastTsMicros = 0;
  private viewCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly now: () => Date,
  ) {
    this.faults = new Faults(now);
  }

  static async start(options: { now?: () => Date } = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    // Long enough that clients keep connections open (undici drops them when the hint is under 2 s).
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}/api/`, options.now ?? (() => new Date()));
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Fail `method` ('*' for all) the next `times` calls, or until the test clock reaches `until`;
   * with `match`, only the calls whose arguments it accepts.
   */
  fail(
    method: string,
    failure: FakeFailure,
    options: { times?: number; until?: Date; match?: (params: Record<string, unknown>) => boolean } = {},
  ): void {
    this.rules.push({
      method,
      failure,
      match: options.match ?? (() => true),
      remaining: options.until ? Number.POSITIVE_INFINITY : (options.times ?? 1),
      until: options.until ? options.until.getTime() : null,
    });
  }

  /**
   * Enforces chat.postMessage's rate limits from now on: a post over them gets 429 with
   * Retry-After (whole seconds), is recorded in `rejected` and counts toward neither limit.
   */
  limitRates(limits: SlackPostLimits = SLACK_POST_LIMITS): void {
    this.postLimits = {
      channel: new TokenBuckets(limits.perChannel),
      workspace: new TokenBuckets(limits.workspace),
    };
  }

  /**
   * Answers apps.connections.open (called with an app-level token) with a URL from `url`: that
   * of a fake Socket Mode server, which hands out one per connection.
   */
  serveSocketMode(url: () => string): void {
    this.socketModeUrl = url;
  }

  /** Answer `method` ('*' for all) only after `ms`, the next `times` calls (every call by default). */
  delay(method: string, ms: number, options: { times?: number } = {}): void {
    this.delays.push({ method, ms, remaining: options.times ?? Number.POSITIVE_INFINITY });
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  addMessage(channel: string, message: FakeMessage): void {
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Everything people could read in what the app sent (texts, blocks, views), as one string per call. */
  visibleText(call: SlackCall): string {
    return JSON.stringify(call.params);
  }

  /** Resolves with the first call (made from `since` on) that matches, or fails after `timeoutMs`. */
  async waitFor(
    match: (call: SlackCall) => boolean,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<SlackCall> {
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    const since = options.since ?? 0;
    for (;;) {
      const found = this.calls.find((call) => call.seq >= since && match(call));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `fake Slack: no matching call within ${options.timeoutMs ?? 5_000} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The sequence number the next call will get: pass as `since` to wait only for newer calls. */
  mark(): number {
    return this.seq;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.faults.intercept(req, res)) return;
    if ((req.url ?? '').startsWith('/upload/')) return this.receiveUpload(req, res);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const body = await readBody(req);
    const params = parseParams(body, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const slow = this.delays.find(
      (rule) => (rule.method === '*' || rule.method === method) && rule.remaining > 0,
    );
    if (slow) {
      slow.remaining -= 1;
      this.inFlight.push(method);
      await new Promise((resolve) => setTimeout(resolve, slow.ms));
      this.inFlight.splice(this.inFlight.indexOf(method), 1);
    }
    const rule = this.activeRule(method, params);
    const token = auth ? auth.replace(/^Bearer /, '') : null;
    if (rule) {
      const { failure } = rule;
      rule.remaining -= 1;
      if ('answer' in failure) {
        this.record(method, params, token, req.headers['content-type'] ?? '');
        req.socket.destroy();
        return;
      }
      this.rejected.push({ method, failure });
      if ('error' in failure) return json(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) {
        res.writeHead(429, {
          'retry-after': String(failure.retryAfter),
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      return;
    }
    const limited = method === 'chat.postMessage' ? this.overPostLimit(params) : 0;
    if (limited > 0) {
      const failure = { status: 429, retryAfter: limited } as const;
      this.rejected.push({ method, failure });
      res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    json(res, 200, this.record(method, params, token, req.headers['content-type'] ?? ''));
  }

  /** Retry-After seconds when a post to this channel is over a limit now; 0 when it may go. */
  private overPostLimit(params: Record<string, unknown>): number {
    if (!this.postLimits) return 0;
    const channel = dmChannel(typeof params.channel === 'string' ? params.channel : '');
    const { channel: perChannel, workspace } = this.postLimits;
    const said = admitAll(
      [
        [perChannel, channel],
        [workspace, BOT.teamId],
      ],
      this.now().getTime(),
    );
    return retryAfterSeconds(said);
  }

  private record(
    method: string,
    params: Record<string, unknown>,
    token: string | null,
    contentType: string,
  ): Record<string, unknown> {
    const response = this.answer(method, params, token);
    this.calls.push({
      seq: this.seq++,
      method,
      params,
      token,
      contentType,
      response,
      at: this.now().getTime(),
    });
    return response;
  }

  /** The upload step of files.uploadV2: the raw (multipart) body is kept for the test to inspect. */
  private async receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fileId = (req.url ?? '').replace(/^\/upload\//, '');
    this.uploads.set(fileId, await readRawBody(req));
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${this.uploads.get(fileId)?.length ?? 0}`);
  }

  private activeRule(method: string, params: Record<string, unknown>): FailureRule | undefined {
    const now = this.now().getTime();
    return this.rules.find(
      (rule) =>
        (rule.method === '*' || rule.method === method) &&
        rule.remaining > 0 &&
        (rule.until === null || now < rule.until) &&
        rule.match(params),
    );
  }

  /** Slack's message timestamps: its clock's seconds and microseconds, unique and increasing. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(this.now().getTime() * 1_000, this.lastTsMicros + 1);
    const micros = this.lastTsMicros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    token: string | null,
  ): Record<string, unknown> {
    const channel = typeof params.channel === 'string' ? params.channel : '';
    switch (method) {
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return this.socketModeUrl
          ? { ok: true, url: this.socketModeUrl() }
          : { ok: false, error: 'unknown_method' };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://gapdesk-test.slack.com/',
          team: 'Test',
          user: 'gapdesk',
          team_id: BOT.teamId,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const posted = dmChannel(channel);
        const message = {
          type: 'message',
          user: BOT.userId,
          bot_id: BOT.botId,
          text: params.text,
          ts,
          ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}),
        };
        this.addMessage(posted, {
          ts,
          user: BOT.userId,
          bot_id: BOT.botId,
          text: String(params.text ?? ''),
          ...(typeof params.thread_ts === 'string' ? { thread_ts: params.thread_ts } : {}),
          ...(isMetadata(params.metadata) ? { metadata: params.metadata } : {}),
        });
        return { ok: true, channel: posted, ts, message: { ...message, blocks: params.blocks } };
      }
      case 'chat.update':
        return { ok: true, channel, ts: params.ts, text: params.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel,
          permalink: `https://gapdesk-test.slack.com/archives/${channel}/p${String(params.message_ts).replace('.', '')}`,
        };
      case 'views.open':
      case 'views.update':
      case 'views.publish': {
        this.viewCounter += 1;
        const id =
          typeof params.view_id === 'string'
            ? params.view_id
            : `V${String(this.viewCounter).padStart(8, '0')}`;
        return {
          ok: true,
          view: { id, team_id: BOT.teamId, hash: `hash-${this.viewCounter}`, ...(params.view as object) },
        };
      }
      case 'users.info': {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.real_name ?? user.name,
            tz: user.tz ?? 'Europe/London',
            profile: { display_name: user.real_name ?? user.name, real_name: user.real_name ?? user.name },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users ?? '').slice(1)}` } };
      case 'conversations.history': {
        // Newest first, top-level messages only (a thread's replies are conversations.replies').
        const found = (this.messages.get(channel) ?? [])
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .filter(inTimeRange(params))
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        return page(found, params, 100);
      }
      case 'conversations.replies': {
        // The thread's parent first, then its replies, oldest first.
        const found = (this.messages.get(channel) ?? [])
          .filter((m) => m.ts === params.ts || m.thread_ts === params.ts)
          .filter(inTimeRange(params))
          .sort((a, b) => Number(a.ts) - Number(b.ts));
        return page(found, params, 1_000);
      }
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const fileId = `F${String(this.fileCounter).padStart(8, '0')}`;
        this.fileNames.set(fileId, String(params.filename ?? ''));
        return { ok: true, file_id: fileId, upload_url: `${this.url.replace(/api\/$/, 'upload/')}${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(String(params.files ?? '[]')) as { id: string; title?: string }[];
        if (files.some((file) => !this.uploads.has(file.id)))
          return { ok: false, error: 'file_upload_not_found' };
        const shared = files.map((file) => ({
          id: file.id,
          name: this.fileNames.get(file.id) ?? '',
          title: file.title ?? '',
        }));
        // Shared into a channel, the upload is a message there, as Slack's history shows it.
        if (typeof params.channel_id === 'string')
          this.addMessage(params.channel_id, {
            ts: this.nextTs(),
            user: BOT.userId,
            bot_id: BOT.botId,
            text: '',
            files: shared,
          });
        return { ok: true, files: shared.map(({ id, title }) => ({ id, title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** A post to a user id lands in the DM channel with them. */
function dmChannel(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
}

const flag = (value: unknown) => value === true || value === 'true' || value === '1';

function isMetadata(value: unknown): value is FakeMetadata {
  return (
    typeof value === 'object' && value !== null && typeof (value as FakeMetadata).event_type === 'string'
  );
}

/** Slack's `oldest` and `latest` bounds, exclusive unless `inclusive`. */
function inTimeRange(params: Record<string, unknown>): (m: FakeMessage) => boolean {
  const oldest = Number(params.oldest ?? 0);
  const latest = Number(params.latest ?? Number.POSITIVE_INFINITY);
  const inclusive = flag(params.inclusive);
  return (m) => {
    const ts = Number(m.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  };
}

/**
 * One page of messages, as conversations.history and .replies answer: `limit` of them from the
 * `cursor`, and the next cursor while there are more. Metadata only with include_all_metadata.
 */
function page(found: FakeMessage[], params: Record<string, unknown>, defaultLimit: number) {
  const start = Number(params.cursor ?? 0);
  const end = start + Number(params.limit ?? defaultLimit);
  const withMetadata = flag(params.include_all_metadata);
  const messages = found.slice(start, end).map(({ metadata, ...m }) => ({
    type: 'message',
    ...m,
    ...(withMetadata && metadata ? { metadata } : {}),
  }));
  const hasMore = end < found.length;
  return {
    ok: true,
    messages,
    has_more: hasMore,
    response_metadata: { next_cursor: hasMore ? String(end) : '' },
  };
}

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseParams(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json'))
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (JSON_ARGS.has(key)) {
      try {
        params[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack would reject it; keep the raw text so a test can see what was sent.
      }
    }
    params[key] = value;
  }
  return params;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

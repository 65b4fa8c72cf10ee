import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.js';
import { admitAll, retryAfterSeconds, SlidingWindows, type WindowLimit } from './rate-limits.js';

/** One call the bot made to the connector, decoded. */
export type ConnectorCall = {
  method: 'GET' | 'POST' | 'PUT';
  kind: 'createConversation' | 'send' | 'reply' | 'update' | 'getMember';
  /** The conversation the call addressed (decoded); for createConversation, the id created. */
  conversationId: string;
  /** replyToId for replies, the updated activity's id for updates, the new id for sends. */
  activityId?: string;
  /** The member asked for (getMember), decoded. */
  memberId?: string;
  /** The request body as the bot sent it. */
  body: Record<string, unknown>;
  /** The status the fake answered with. */
  status: number;
  /** The Authorization header the call carried (the bot's token when auth is on). */
  authorization?: string;
  /** When the fake answered it (ms since the epoch). */
  at: number;
};

/**
 * Teams' documented limits (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 * per bot per conversation (thread), 7 operations a second, 8 in 2 s, 60 in 30 s and 1,800 an
 * hour; and 50 requests a second per app per tenant, every kind of call counted.
 */
export type TeamsLimits = { perConversation: WindowLimit[]; perTenant: WindowLimit[] };
export const TEAMS_LIMITS: TeamsLimits = {
  perConversation: [
    { max: 7, windowMs: 1_000 },
    { max: 8, windowMs: 2_000 },
    { max: 60, windowMs: 30_000 },
    { max: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ max: 50, windowMs: 1_000 }],
};

type FailureFilter = { retryAfterSeconds?: number; kinds?: ConnectorCall['kind'][]; conversationId?: string };
type Failure = FailureFilter & { status: number; remaining: number };

/** A member of the tenant's teams as the connector describes them (TeamsChannelAccount). */
export type FakeMember = { id: string; name: string; aadObjectId: string };

/**
 * A fake Bot Connector on 127.0.0.1 (the activities' serviceUrl). Records every call the bot
 * makes and answers like Teams does: new conversations get ids (channel threads look like
 * `19:…@thread.tacv2;messageid=N`), sent activities get ids, a member lookup finds the people
 * added with `addMember` (by AAD object id or Teams id) and answers 404 for anyone else. It can
 * answer 429 (Retry-After) or 500 for the next N calls.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** Outages: every call fails (500, reset, held unanswered) until the fault's `until`. */
  readonly faults = new Faults();
  private limits: { conversation: SlidingWindows; tenant: SlidingWindows } | undefined;
  private readonly failures: Failure[] = [];
  private readonly members: FakeMember[] = [];
  private counter = 1_700_000_000_000;
  private readonly waiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeBotConnector> {
    let fake: FakeBotConnector | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    fake = new FakeBotConnector(server, `http://127.0.0.1:${port}/`);
    return fake;
  }

  /**
   * The next `count` calls of the given kinds (default: every kind that sends or changes a
   * message, not member lookups) / into the given conversation fail with `status`.
   */
  failNext(count: number, status: number, options: FailureFilter = {}): void {
    this.failures.push({ status, remaining: count, ...options });
  }

  /**
   * Enforces Teams' rate limits from now on: a call over them gets 429 with Retry-After (whole
   * seconds), is recorded with that status and counts toward no limit.
   */
  limitRates(limits: TeamsLimits = TEAMS_LIMITS): void {
    this.limits = {
      conversation: new SlidingWindows(limits.perConversation),
      tenant: new SlidingWindows(limits.perTenant),
    };
  }

  /** Someone in the tenant's teams, for member lookups to find. */
  addMember(member: FakeMember): void {
    this.members.push(member);
  }

  /** Successful calls that sent or changed something: what actually reached Teams users. */
  delivered(): ConnectorCall[] {
    return this.calls.filter((call) => call.status < 300 && call.kind !== 'getMember');
  }

  /** Delivered activities (sends, replies, thread starts) into one conversation, in order. */
  messagesIn(conversationId: string): ConnectorCall[] {
    return this.delivered().filter(
      (call) => call.kind !== 'update' && call.conversationId === conversationId,
    );
  }

  /** Resolves when a recorded call satisfies `predicate` (calls made so far count). */
  async waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 5_000): Promise<ConnectorCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('fake connector: no matching call arrived in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.faults.intercept(req, res)) return;
    const body = await readJson(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = matchRoute(req.method ?? '', path);
    if (!route) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
      return;
    }
    const throttled = this.overLimit(route);
    const failure: Pick<Failure, 'status' | 'remaining' | 'retryAfterSeconds'> | undefined =
      throttled > 0
        ? { status: 429, remaining: 1, retryAfterSeconds: throttled }
        : this.failures.find(
            (f) =>
              f.remaining > 0 &&
              (f.kinds ? f.kinds.includes(route.kind) : route.kind !== 'getMember') &&
              (!f.conversationId || f.conversationId === route.conversationId),
          );
    const id = String(this.counter++);
    let conversationId = route.conversationId;
    let answer: Record<string, unknown>;
    let status = route.kind === 'createConversation' ? 201 : 200;
    if (route.kind === 'createConversation') {
      conversationId = newConversationId(body, id);
      answer = { id: conversationId, activityId: body.activity ? id : undefined, serviceUrl: this.url };
    } else if (route.kind === 'getMember') {
      const member = this.members.find((m) => m.aadObjectId === route.memberId || m.id === route.memberId);
      answer = member
        ? { ...member, userRole: 'user', tenantId: 'tenant' }
        : {
            error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' },
          };
      if (!member) status = 404;
    } else {
      answer = { id: route.kind === 'update' ? route.activityId : id };
    }
    const call: ConnectorCall = {
      method: route.kind === 'update' ? 'PUT' : route.kind === 'getMember' ? 'GET' : 'POST',
      kind: route.kind,
      conversationId,
      activityId: route.kind === 'send' || route.kind === 'createConversation' ? id : route.activityId,
      ...(route.memberId ? { memberId: route.memberId } : {}),
      body,
      status: failure ? failure.status : status,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      at: Date.now(),
    };
    this.calls.push(call);
    for (const wake of this.waiters.splice(0)) wake();
    res.setHeader('content-type', 'application/json');
    if (failure) {
      failure.remaining -= 1;
      if (failure.retryAfterSeconds !== undefined)
        res.setHeader('retry-after', String(failure.retryAfterSeconds));
      res.statusCode = failure.status;
      res.end(
        JSON.stringify({
          error: { code: failure.status === 429 ? 'Throttled' : 'ServiceError', message: 'fake failure' },
        }),
      );
      return;
    }
    res.statusCode = call.status;
    res.end(JSON.stringify(answer));
  }

  /** Retry-After seconds when the call is over a limit now; 0 when it may go. */
  private overLimit(route: Route): number {
    if (!this.limits) return 0;
    const conversation = route.kind === 'createConversation' ? 'new conversation' : route.conversationId;
    const pairs: [SlidingWindows, string][] = [[this.limits.tenant, 'tenant']];
    if (route.kind !== 'getMember') pairs.push([this.limits.conversation, conversation]);
    return retryAfterSeconds(admitAll(pairs, Date.now()));
  }
}

type Route = { kind: ConnectorCall['kind']; conversationId: string; activityId?: string; memberId?: string };

function matchRoute(method: string, path: string): Route | null {
  if (method === 'POST' && /^\/v3\/conversations\/?$/.test(path))
    return { kind: 'createConversation', conversationId: '' };
  const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/.exec(path);
  if (method === 'GET' && member?.[1] && member[2]) {
    return {
      kind: 'getMember',
      conversationId: decodeURIComponent(member[1]),
      memberId: decodeURIComponent(member[2]),
    };
  }
  const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(path);
  if (!match?.[1]) return null;
  const conversationId = decodeURIComponent(match[1]);
  const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
  if (method === 'PUT' && activityId) return { kind: 'update', conversationId, activityId };
  if (method === 'POST')
    return activityId ? { kind: 'reply', conversationId, activityId } : { kind: 'send', conversationId };
  return null;
}

/** Teams' id shapes: a channel thread is the channel id plus the first message's id. */
function newConversationId(body: Record<string, unknown>, id: string): string {
  const channelData = body.channelData as { channel?: { id?: string } } | undefined;
  const channel = channelData?.channel?.id;
  if (channel) return `${channel};messageid=${id}`;
  const members = body.members as Array<{ id?: string }> | undefined;
  return `a:1:personal-${members?.[0]?.id ?? 'unknown'}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

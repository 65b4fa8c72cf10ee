import {
  type Card,
  cardOf,
  cardTextOf,
  executeActions,
  responseCard,
} from '../../src/sandbox/adaptive-cards.js';
import type { ConnectorCall, FakeBotConnector } from '../../src/sandbox/fake-bot-connector.js';
import type { FakeSlack } from '../../src/sandbox/fake-slack.js';
import {
  type Activity,
  cardAction,
  message,
  TRIAGE_CHANNEL as TEAMS_TRIAGE_CHANNEL,
  type TeamsUser,
  users,
} from '../../src/sandbox/teams-activities.js';
import { openDatabase } from '../../src/store/database.js';
import { facilitiesConfig, makeSandbox, type Sandbox } from './gapdesk-process.js';

export { TEAMS_TRIAGE_CHANNEL };
export const TEAMS_AGENT = users.alex;

// The same team on both platforms: every request gets a triage card in Slack and in Teams.
const TEAMS_LINE = `    teams: { triageChannel: "${TEAMS_TRIAGE_CHANNEL}", members: [${users.alex.aadObjectId}, ${users.sam.aadObjectId}], leads: [${users.sam.aadObjectId}] }
`;
/**
 * A sandbox for gapdesk on Slack and on Teams at once: Teams with authentication off (as the
 * end-to-end tests run it), its activities pointing at the fake connector.
 */
export function makeTwoPlatformSandbox(
  slack: FakeSlack,
  connector: FakeBotConnector,
  extraEnv: Record<string, string> = {},
  /** More lines for the team (survey, digest settings), indented as its keys. */
  moreConfig = '',
): Sandbox {
  const sandbox = makeSandbox(
    slack.url,
    { TEAMS_ALLOW_UNAUTHENTICATED: 'true', ...extraEnv },
    facilitiesConfig(TEAMS_LINE + moreConfig),
  );
  for (const member of [users.alex, users.sam]) connector.addMember(member);
  return sandbox;
}

export function teamsRequester(i: number): TeamsUser {
  return { id: `29:1req${i}-bf-id`, name: `Requester ${i}`, aadObjectId: `aad-req${i}` };
}

/** The 1:1 chat id Teams gives a user's conversation with the bot (as teams-activities.ts does). */
export function personalChatOf(user: TeamsUser): string {
  return `a:1personal-${user.aadObjectId}`;
}

async function postActivity(baseUrl: string, activity: Activity): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A Teams user filing from the chat and a team member clicking Take, as Teams sends them. */
export class TeamsDriver {
  /**
   * Forms gapdesk sent each user and nobody has used yet, by AAD id: one per filing. With one
   * team gapdesk sends the form itself, with several a team picker first.
   */
  private readonly forms = new Map<string, { replyToId: string; card: Card }[]>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly connector: FakeBotConnector,
  ) {}

  /**
   * Asks for something, for the form gapdesk answers with (a connector call: before the faults,
   * as a person opens the form before filing). Each form files one request: its form id is
   * the filing's idempotency key.
   */
  async openForm(user: TeamsUser): Promise<void> {
    const chatId = personalChatOf(user);
    const seen = this.connector.calls.length;
    await postActivity(this.baseUrl(), message(this.connector.url, user, 'The radiator is cold'));
    const reply = await this.connector.waitFor(
      (call) =>
        this.connector.calls.indexOf(call) >= seen &&
        call.conversationId === chatId &&
        call.status < 300 &&
        call.kind !== 'update',
      10_000,
    );
    const open = this.forms.get(user.aadObjectId) ?? [];
    open.push({ replyToId: reply.activityId ?? '', card: cardOf(reply) });
    this.forms.set(user.aadObjectId, open);
  }

  /**
   * The form filed (after choosing Facilities when asked), as invokes answered in their HTTP
   * bodies; the ref, if filed. Up to `tries` submits of the same form, as a person presses
   * again when Teams shows an error (a refused or dropped request counts as one); `onSubmit`
   * is told of each.
   */
  async file(
    user: TeamsUser,
    description: string,
    tries = 1,
    onSubmit: () => void = () => undefined,
  ): Promise<string | undefined> {
    const form = this.takeForm(user);
    for (let attempt = 1; ; attempt++) {
      onSubmit();
      const answer = await this.submit(form, description).catch((error: unknown) => {
        if (attempt >= tries) throw error;
        return undefined;
      });
      if (answer?.ref !== undefined || attempt >= tries) return answer?.ref;
    }
  }

  /** One of the forms opened for `user`, to submit (again, if need be) with `submit`. */
  takeForm(user: TeamsUser): OpenForm {
    const opened = this.forms.get(user.aadObjectId)?.shift();
    if (!opened) throw new Error(`no open form for ${user.name}`);
    return { user, ...opened };
  }

  /** File request pressed on the form (the same form files once): the ref, or what gapdesk said. */
  async submit(form: OpenForm, description: string): Promise<InvokeAnswer> {
    const { user, replyToId } = form;
    const serviceUrl = this.connector.url;
    let card = form.card;
    const facilities = executeActions(card).find((action) => action.title === 'Facilities');
    if (facilities) {
      const chosen = await postActivity(
        this.baseUrl(),
        cardAction(serviceUrl, user, {
          verb: 'chooseTeam',
          data: facilities.data,
          replyToId,
          where: 'personal',
        }),
      );
      if (chosen.status !== 200) return { status: chosen.status };
      card = responseCard(chosen.body);
    }
    const submit = executeActions(card).find((action) => action.verb === 'fileRequest');
    const data = { ...submit?.data, category: 'HVAC', neededBy: 'today', description };
    const filed = await postActivity(
      this.baseUrl(),
      cardAction(serviceUrl, user, { verb: 'fileRequest', data, replyToId, where: 'personal' }),
    );
    const said = saidIn(filed.body);
    if (filed.status !== 200 || said !== undefined) return { status: filed.status, said };
    return { status: 200, ref: /Filed (\w+-\d+)/.exec(cardTextOf(responseCard(filed.body)))?.[1] };
  }

  /** Take on the request's triage card in the channel; true when Teams got a card back. */
  async take(card: ConnectorCall): Promise<boolean> {
    return (await this.press(card, 'take')).carded === true;
  }

  /** A button of the request's triage card pressed by the agent (see `press`); true on a card back. */
  async act(card: ConnectorCall, verb: string, inputs: Record<string, string> = {}): Promise<boolean> {
    return (await this.press(card, verb, inputs)).carded === true;
  }

  /**
   * A button (Action.Execute, `verb`) of the request's triage card pressed by the agent, with
   * `inputs` as the card's fields filled in (Resolve's "What was done"): the card as it now
   * stands comes back, or a message (an apology) in its place.
   */
  async press(card: ConnectorCall, verb: string, inputs: Record<string, string> = {}): Promise<InvokeAnswer> {
    const action = executeActions(cardOf(card)).find((a) => a.verb === verb);
    if (!action || !card.activityId) return { status: 0, said: `no ${verb} on the card` };
    const answer = await postActivity(
      this.baseUrl(),
      cardAction(this.connector.url, TEAMS_AGENT, {
        verb,
        data: { ...action.data, ...inputs },
        replyToId: card.activityId,
        where: 'channel',
        threadId: card.activityId,
      }),
    );
    const said = saidIn(answer.body);
    return { status: answer.status, said, carded: answer.status === 200 && said === undefined };
  }
}

/** A form gapdesk sent a user in their chat, not yet filed. */
export type OpenForm = { user: TeamsUser; replyToId: string; card: Card };
/**
 * An invoke's answer: its status; the ref a filing got; `said`, the message Teams shows instead
 * of a card (an apology, "out of date"); `carded`, a button answered with the card as it stands.
 */
export type InvokeAnswer = { status: number; ref?: string; said?: string; carded?: boolean };

/** The text of an Action.Execute answer that is a message, not a card. */
function saidIn(body: unknown): string | undefined {
  const answer = body as { type?: unknown; value?: unknown } | null;
  return answer?.type === 'application/vnd.microsoft.activity.message' ? String(answer.value) : undefined;
}

/** The request a Teams triage card (a new thread) is for, from its heading "FAC-1 · HVAC · …". */
function triageCardRef(call: ConnectorCall): string | undefined {
  if (call.kind !== 'createConversation') return undefined;
  return /\b([A-Z]+-\d+) · /.exec(cardTextOf(cardOf(call)))?.[1];
}

/** The triage card's new thread in the Teams channel for `ref` (FAC-1 is not FAC-12), once delivered. */
export function teamsTriageCard(connector: FakeBotConnector, ref: string): ConnectorCall | undefined {
  return connector.delivered().find((call) => triageCardRef(call) === ref);
}

/** Delivered Teams messages naming `ref` as a word (FAC-1 is not FAC-12), in the order delivered. */
export function teamsMessagesNaming(connector: FakeBotConnector, ref: string): ConnectorCall[] {
  const named = new RegExp(`\\b${ref}\\b`);
  return connector
    .delivered()
    .filter((call) => call.kind !== 'update' && named.test(JSON.stringify(call.body)));
}

/** A Teams message delivered again: its first delivery, the later one, and what it was. */
export type TeamsRepeat = { first: ConnectorCall; again: ConnectorCall; text: string };

/**
 * The same message delivered twice into one conversation, or a second triage card (a new
 * thread) for one request: a card posted again after a change differs in content from the first.
 */
export function teamsRepeats(connector: FakeBotConnector): TeamsRepeat[] {
  const seen = new Map<string, ConnectorCall>();
  const repeats: TeamsRepeat[] = [];
  for (const call of connector.delivered()) {
    if (call.kind === 'update' || call.kind === 'getMember') continue;
    const ref = triageCardRef(call);
    const where = call.kind === 'createConversation' ? 'new thread' : call.conversationId;
    const key = ref ? `card ${ref}` : JSON.stringify([where, call.body]);
    const first = seen.get(key);
    if (first)
      repeats.push({
        first,
        again: call,
        text: ref
          ? `a second Teams triage card for ${ref}`
          : `${where}: ${JSON.stringify(call.body).slice(0, 80)}`,
      });
    else seen.set(key, call);
  }
  return repeats;
}

/** The longest a Teams message accepted just before a kill may have waited for its record. */
const RESIDUAL_WINDOW_MS = 2_000;

/** A database timestamp in ms: SQLite's CURRENT_TIMESTAMP is UTC to the second, without a zone. */
function timestampMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).getTime();
}

/**
 * Teams' residual window (docs/reliability.md): the Bot Connector takes no idempotency key and
 * shows a bot no history, so a process killed after Teams accepted a message and before its
 * reference was written sends it again when the job re-runs. A repeat is in that window when
 * its first copy was accepted at most 2 s before a kill and the message's reference (it names
 * the later copy) was first written in a later second than the kill: no reference existed when
 * the job ran again. Any other repeat (a reference there and not looked up, say) is a duplicate.
 */
export async function splitAtKills(
  databaseUrl: string,
  repeats: readonly TeamsRepeat[],
  killTimes: readonly number[],
): Promise<{ inWindow: (TeamsRepeat & { beforeKillMs: number })[]; others: TeamsRepeat[] }> {
  const inWindow: (TeamsRepeat & { beforeKillMs: number })[] = [];
  const others: TeamsRepeat[] = [];
  if (repeats.length === 0) return { inWindow, others };
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db
      .selectFrom('messageRefs')
      .select(['messageId', 'createdAt'])
      .where('platform', '=', 'teams')
      .execute();
    const firstWritten = new Map(rows.map((row) => [row.messageId, timestampMs(row.createdAt)]));
    for (const repeat of repeats) {
      const written = firstWritten.get(repeat.again.activityId ?? '');
      const kill = killTimes.find(
        (t) =>
          repeat.first.at <= t &&
          t - repeat.first.at <= RESIDUAL_WINDOW_MS &&
          repeat.again.at > t &&
          written !== undefined &&
          written >= Math.floor(t / 1000) * 1000 + 1000,
      );
      if (kill === undefined) others.push(repeat);
      else inWindow.push({ ...repeat, beforeKillMs: kill - repeat.first.at });
    }
    return { inWindow, others };
  } finally {
    await database.close();
  }
}

export function teamsDuplicates(connector: FakeBotConnector): string[] {
  return teamsRepeats(connector).map((repeat) => repeat.text);
}

/** Slack posts of the same message (channel, thread and content; each names its request) twice. */
export function slackDuplicates(slack: FakeSlack): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const call of slack.callsTo('chat.postMessage')) {
    const { channel, thread_ts, text, blocks } = call.params;
    const key = JSON.stringify([channel, thread_ts ?? null, text, blocks]);
    if (seen.has(key)) twice.push(`${String(channel)}: ${String(text).slice(0, 60)}`);
    seen.add(key);
  }
  return twice;
}

/**
 * Jobs by status; `owed` counts those not finished that are due within five minutes (running,
 * or pending: a retry waiting out its backoff or a Retry-After is still owed; an SLA check or a
 * survey reminder hours away is not).
 */
export async function jobStatuses(databaseUrl: string): Promise<Record<string, number>> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('jobs').select(['status', 'dueAt']).execute();
    const counts: Record<string, number> = { owed: 0 };
    const horizon = Date.now() + 5 * 60_000;
    for (const row of rows) {
      counts[row.status] = (counts[row.status] ?? 0) + 1;
      const due = new Date(row.dueAt).getTime() <= horizon;
      if (row.status === 'running' || (row.status === 'pending' && due)) counts.owed = (counts.owed ?? 0) + 1;
    }
    return counts;
  } finally {
    await database.close();
  }
}

/** Polls until nothing is owed, or the deadline; the last counts. */
export async function waitForDrain(databaseUrl: string, deadlineMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + deadlineMs;
  let jobs = await jobStatuses(databaseUrl);
  while ((jobs.owed ?? 0) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    jobs = await jobStatuses(databaseUrl);
  }
  return jobs;
}

import type { FakeBotConnector } from '../../src/sandbox/fake-bot-connector.js';
import type { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { buttonsIn } from '../../src/sandbox/slack-person.js';
import { fillView, type SlackRequests } from '../../src/sandbox/slack-requests.js';
import { openDatabase } from '../../src/store/database.js';
import { AGENT, TRIAGE_CHANNEL } from './gapdesk-process.js';
import { triageCardOf } from './slack-records.js';
import { type OpenForm, type TeamsDriver, teamsRequester, teamsTriageCard } from './two-platforms.js';

export const REQUESTERS = Array.from({ length: 5 }, (_, i) => `U0REQ${i}`);
export const TEAMS_REQUESTERS = Array.from({ length: 5 }, (_, i) => teamsRequester(i));
/** Slack waits this long for an answer, then shows the person its own error and drops ours. */
const SLACK_DEADLINE_MS = 3_000;
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a scenario drives: filings and Takes through Slack, with their answers judged. */
export class FilingDriver {
  sent = 0;
  readonly filed = new Map<number, string>();
  readonly refused = new Set<number>();
  readonly problems: string[] = [];
  takesAcked = 0;
  private modal: ModalView = {};

  constructor(
    private readonly fake: FakeSlack,
    private readonly slack: SlackRequests,
  ) {}

  async warmUp(): Promise<void> {
    const since = this.fake.mark();
    await this.slack.command({ user: REQUESTERS[0] ?? '', text: 'warm-up' });
    const opened = await this.fake.waitFor((c) => c.method === 'views.open', { since, timeoutMs: 15_000 });
    this.modal = opened.params.view as ModalView;
  }

  private judge(what: string, status: number | undefined, ms: number): void {
    if (status === undefined || status >= 500 || ms > SLACK_DEADLINE_MS)
      this.problems.push(`${what}: ${status ?? 'no answer'} after ${ms} ms`);
  }

  /** Submits filing `i` (its own view id, so a second Submit is the same filing). */
  async file(i: number): Promise<'filed' | 'refused' | 'other'> {
    this.sent += 1;
    const t0 = Date.now();
    const answer = await this.slack
      .viewSubmission({
        user: REQUESTERS[i % REQUESTERS.length] ?? '',
        view: {
          id: `VSQLITE${i}`,
          callback_id: this.modal.callback_id ?? '',
          private_metadata: this.modal.private_metadata ?? '',
          values: fillView(this.modal, {
            category: 'HVAC',
            description: `sqlite filing ${i}`,
            needed_by: 'today',
          }),
        },
      })
      .catch(() => undefined);
    this.judge(`filing ${i}`, answer?.status, Date.now() - t0);
    const ref = answer ? /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1] : undefined;
    if (answer?.status === 200 && ref) {
      this.filed.set(i, ref);
      this.refused.delete(i);
      return 'filed';
    }
    if (answer?.status === 200 && answer.text.includes('did not save')) {
      this.refused.add(i);
      return 'refused';
    }
    return 'other';
  }

  /** Presses Take on the card of an untaken filed request; whether it was answered 200. */
  async take(ref: string): Promise<boolean> {
    const card = triageCardOf(this.fake, TRIAGE_CHANNEL, ref);
    const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
    if (!card || !button?.action_id) return false;
    this.sent += 1;
    const t0 = Date.now();
    const answer = await this.slack
      .blockAction({
        user: AGENT,
        actionId: button.action_id,
        value: button.value ?? '',
        channel: TRIAGE_CHANNEL,
        messageTs: String(card.response.ts ?? ''),
      })
      .catch(() => undefined);
    this.judge(`Take on ${ref}`, answer?.status, Date.now() - t0);
    if (answer?.status === 200) this.takesAcked += 1;
    return answer?.status === 200;
  }
}

/** Waits (10 s at most) until every one of these requests has its triage card, to press Take on. */
export async function waitForCards(fake: FakeSlack, refs: readonly string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (refs.some((ref) => !triageCardOf(fake, TRIAGE_CHANNEL, ref)) && Date.now() < deadline)
    await pause(50);
}

export async function assignedRefs(databaseUrl: string): Promise<Set<string>> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db
      .selectFrom('requests')
      .select('ref')
      .where('assigneeId', 'is not', null)
      .execute();
    return new Set(rows.map((row) => row.ref));
  } finally {
    await database.close();
  }
}

/** Requests with their events and jobs counted, and jobs or idempotency keys that name no request. */
export async function written(databaseUrl: string) {
  const database = await openDatabase(databaseUrl);
  try {
    const requests = await database.db
      .selectFrom('requests')
      .select(['id', 'ref', 'description', 'assigneeId'])
      .execute();
    const events = await database.db.selectFrom('requestEvents').select('requestId').execute();
    const jobs = await database.db.selectFrom('jobs').select('payload').execute();
    const keys = await database.db.selectFrom('idempotencyKeys').select(['key', 'result']).execute();
    const ids = new Set(requests.map((r) => r.id));
    const jobRequest = jobs.map((job) => (JSON.parse(job.payload) as { requestId?: string }).requestId);
    const orphans =
      jobRequest.filter((id) => id !== undefined && !ids.has(id)).length +
      keys.filter((key) => /^(slack:view|teams-form):/.test(key.key) && !ids.has(key.result ?? '')).length;
    return {
      requests: requests.map((r) => ({
        ref: r.ref,
        description: r.description,
        assigned: r.assigneeId !== null,
        events: events.filter((e) => e.requestId === r.id).length,
        jobs: jobRequest.filter((id) => id === r.id).length,
      })),
      orphans,
    };
  } finally {
    await database.close();
  }
}

/** What a scenario drives on Teams: filings from the chat's forms and Takes on the channel's cards. */
export class TeamsFilingDriver {
  sent = 0;
  readonly filed = new Map<number, string>();
  /** Filings answered "did not save", with the form to press File request on again. */
  readonly refused = new Map<number, OpenForm>();
  readonly problems: string[] = [];
  takesAcked = 0;
  private next = 0;

  constructor(
    private readonly connector: FakeBotConnector,
    private readonly teams: TeamsDriver,
  ) {}

  /** Opens `count` forms, spread over the requesters (one per filing, as people open them). */
  async openForms(count: number): Promise<void> {
    const each = Math.ceil(count / TEAMS_REQUESTERS.length);
    await Promise.all(
      TEAMS_REQUESTERS.map(async (user) => {
        for (let i = 0; i < each; i++) await this.teams.openForm(user);
      }),
    );
  }

  private judge(what: string, status: number | undefined, ms: number): void {
    if (status === undefined || status >= 500 || ms > SLACK_DEADLINE_MS)
      this.problems.push(`Teams ${what}: ${status ?? 'no answer'} after ${ms} ms`);
  }

  /** Files filing `i` (a refused one again from its own form, so it files once). */
  async file(i: number): Promise<'filed' | 'refused' | 'other'> {
    this.sent += 1;
    const user = TEAMS_REQUESTERS[this.next++ % TEAMS_REQUESTERS.length] ?? teamsRequester(0);
    const form = this.refused.get(i) ?? this.teams.takeForm(user);
    const t0 = Date.now();
    const answer = await this.teams.submit(form, `sqlite filing ${i}`).catch(() => undefined);
    this.judge(`filing ${i}`, answer?.status, Date.now() - t0);
    if (answer?.status === 200 && answer.ref) {
      this.filed.set(i, answer.ref);
      this.refused.delete(i);
      return 'filed';
    }
    if (answer?.status === 200 && answer.said?.includes('did not save')) {
      this.refused.set(i, form);
      return 'refused';
    }
    return 'other';
  }

  /** Presses Take on the request's Teams card: the card back (taken), the apology (refused), or neither. */
  async take(ref: string): Promise<'taken' | 'refused' | 'other'> {
    const card = teamsTriageCard(this.connector, ref);
    if (!card) return 'other';
    this.sent += 1;
    const t0 = Date.now();
    const answer = await this.teams.press(card, 'take').catch(() => undefined);
    this.judge(`Take on ${ref}`, answer?.status, Date.now() - t0);
    if (answer?.carded) {
      this.takesAcked += 1;
      return 'taken';
    }
    return answer?.status === 200 && /try again/i.test(answer.said ?? '') ? 'refused' : 'other';
  }
}

/** Waits (10 s at most) until every one of these requests has its Teams triage card. */
export async function waitForTeamsCards(connector: FakeBotConnector, refs: readonly string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (refs.some((ref) => !teamsTriageCard(connector, ref)) && Date.now() < deadline) await pause(50);
}

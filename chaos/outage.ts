// Scenario 2, platform outage: filings and Take clicks on Slack and on Teams at a steady rate
// while both platforms fail for a stretch of the run (answering 500, then resetting every
// connection, then holding every call unanswered), then recover. At the end, once the queue is
// drained: every acknowledged filing and Take is persisted, every request's triage cards and
// requester messages were delivered once, and each request's messages arrived in order.
import { seededRandom } from '../src/cli/demo/random.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack, type SlackCall } from '../src/sandbox/fake-slack.js';
import type { FaultMode } from '../src/sandbox/faults.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import {
  AGENT,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import type { ScenarioResult } from './support/table.js';
import {
  jobStatuses,
  makeTwoPlatformSandbox,
  personalChatOf,
  slackDuplicates,
  TeamsDriver,
  teamsDuplicates,
  teamsMessagesNaming,
  teamsRequester,
  teamsTriageCard,
  waitForDrain,
} from './support/two-platforms.js';

export type OutageOptions = {
  operations: number;
  ratePerSecond: number;
  /** When the outage starts, after the load began, and how long it lasts (a third per mode). */
  outageStartMs: number;
  outageMs: number;
  /** GAPDESK_JOB_BACKOFF_MAX_SECONDS for the process; unset: the production default. */
  backoffMaxSeconds?: number;
  seed: number;
};

const MODES: FaultMode[] = ['500', 'reset', 'timeout'];
const SLACK_REQUESTERS = Array.from({ length: 10 }, (_, i) => `U0REQ${i}`);
const TEAMS_REQUESTERS = Array.from({ length: 10 }, (_, i) => teamsRequester(i));
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
type Filed = { ref: string; platform: 'slack' | 'teams'; requester: string };

/** Whether `text` names `ref` as a word (FAC-1 is not FAC-12). */
function names(text: string, ref: string): boolean {
  return new RegExp(`\\b${ref}\\b`).test(text);
}

function slackTriageCard(slack: FakeSlack, ref: string): SlackCall | undefined {
  return slack
    .callsTo('chat.postMessage')
    .find(
      (c) => c.params.channel === TRIAGE_CHANNEL && !c.params.thread_ts && names(slack.visibleText(c), ref),
    );
}

async function assignedRefs(databaseUrl: string): Promise<{ all: Set<string>; assigned: Set<string> }> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('requests').select(['ref', 'assigneeId']).execute();
    return {
      all: new Set(rows.map((row) => row.ref)),
      assigned: new Set(rows.filter((row) => row.assigneeId !== null).map((row) => row.ref)),
    };
  } finally {
    await database.close();
  }
}

export async function outage(options: OutageOptions): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const slack = await FakeSlack.start();
  const connector = await FakeBotConnector.start();
  for (const id of [...SLACK_REQUESTERS, AGENT])
    slack.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  const sandbox = makeTwoPlatformSandbox(
    slack,
    connector,
    options.backoffMaxSeconds ? { GAPDESK_JOB_BACKOFF_MAX_SECONDS: String(options.backoffMaxSeconds) } : {},
  );
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < 12) notes.push(text);
  };
  const server = await startGapdesk(sandbox);
  const slackRequests = new SlackRequests(server.url, SIGNING_SECRET);
  const teams = new TeamsDriver(() => server.url, connector);
  try {
    // What the platforms would have shown before the outage: Slack's filing modal, Teams' team picker.
    const since = slack.mark();
    await slackRequests.command({ user: SLACK_REQUESTERS[0] ?? '', text: 'warm-up' });
    const modal = (await slack.waitFor((c) => c.method === 'views.open', { since })).params.view as ModalView;
    // Enough open forms for the Teams filings: half the operations are on Teams, and during the
    // outage most Takes find no card to click and file instead. A margin; each person's in turn.
    const formsEach = Math.ceil((options.operations * 0.55) / TEAMS_REQUESTERS.length) + 2;
    await Promise.all(
      TEAMS_REQUESTERS.map(async (user) => {
        for (let i = 0; i < formsEach; i++) await teams.openForm(user);
      }),
    );

    const filed: Filed[] = [];
    // Sent and acknowledged, by what was sent and whether the platforms were out at the time.
    const tally = new Map<string, { sent: number; acked: number }>();
    let outNow = false;
    const count = (kind: string, acked: boolean) => {
      const key = `${kind}${outNow ? ' (in the outage)' : ''}`;
      const entry = tally.get(key) ?? { sent: 0, acked: 0 };
      entry.sent += 1;
      if (acked) entry.acked += 1;
      tally.set(key, entry);
    };
    const takesAcked = new Set<string>();
    const clicked = new Set<string>();
    let sent = 0;
    const fileOnSlack = async (i: number) => {
      const requester = SLACK_REQUESTERS[i % SLACK_REQUESTERS.length] ?? '';
      const answer = await slackRequests.viewSubmission({
        user: requester,
        view: {
          id: `VOUTAGE${i}`,
          callback_id: modal.callback_id ?? '',
          private_metadata: modal.private_metadata ?? '',
          values: fillView(modal, {
            category: 'HVAC',
            description: `outage filing ${i}`,
            needed_by: 'today',
          }),
        },
      });
      const ref = /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1];
      count('Slack filing', answer.status === 200 && ref !== undefined);
      if (answer.status === 200 && ref) filed.push({ ref, platform: 'slack', requester });
    };
    let teamsFilings = 0;
    const fileOnTeams = async (i: number) => {
      const requester = TEAMS_REQUESTERS[teamsFilings++ % TEAMS_REQUESTERS.length] ?? teamsRequester(0);
      const ref = await teams.file(requester, `outage filing ${i}`);
      count('Teams filing', ref !== undefined);
      if (ref) filed.push({ ref, platform: 'teams', requester: requester.aadObjectId });
    };
    // A Take only on a card the team can see: posted before the outage or after it.
    const take = async (i: number, platform: 'slack' | 'teams') => {
      const candidates = filed.filter((f) => f.platform === platform && !clicked.has(f.ref));
      const target = candidates[Math.floor(random() * candidates.length)];
      if (platform === 'slack') {
        const card = target ? slackTriageCard(slack, target.ref) : undefined;
        const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
        if (!target || !card || !button?.action_id) return fileOnSlack(i);
        clicked.add(target.ref);
        const answer = await slackRequests.blockAction({
          user: AGENT,
          actionId: button.action_id,
          value: button.value ?? '',
          channel: TRIAGE_CHANNEL,
          messageTs: String(card.response.ts ?? ''),
        });
        count('Slack Take', answer.status === 200);
        if (answer.status === 200) takesAcked.add(target.ref);
        return;
      }
      const card = target ? teamsTriageCard(connector, target.ref) : undefined;
      if (!target || !card) return fileOnTeams(i);
      clicked.add(target.ref);
      const acked = await teams.take(card);
      count('Teams Take', acked);
      if (acked) takesAcked.add(target.ref);
    };

    const inFlight: Promise<void>[] = [];
    const started = Date.now();
    const phaseMs = options.outageMs / MODES.length;
    let phase = -1;
    for (let i = 0; i < options.operations; i++) {
      const due = started + (i * 1000) / options.ratePerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      const intoOutage = Date.now() - started - options.outageStartMs;
      const nextPhase = intoOutage < 0 ? -1 : Math.floor(intoOutage / phaseMs);
      outNow = nextPhase >= 0 && nextPhase < MODES.length;
      if (nextPhase !== phase && nextPhase < MODES.length) {
        phase = nextPhase;
        const mode = MODES[phase];
        const until = new Date(started + options.outageStartMs + (phase + 1) * phaseMs);
        if (mode) for (const faults of [slack.faults, connector.faults]) faults.set({ mode, until });
      }
      sent += 1;
      const platform = random() < 0.5 ? 'slack' : 'teams';
      const op =
        random() < 0.6 ? (platform === 'slack' ? fileOnSlack(i) : fileOnTeams(i)) : take(i, platform);
      inFlight.push(
        op.catch((error: unknown) => {
          // A request refused or dropped counts as sent, not acknowledged; what refused it is noted.
          count(`${platform} request failed`, false);
          note(`a ${platform} request failed: ${String(error).slice(0, 160)}`);
        }),
      );
    }
    await Promise.all(inFlight);
    const outageEnd = started + options.outageStartMs + options.outageMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnd - Date.now())));
    const drainStarted = Date.now();
    const jobs = await waitForDrain(sandbox.databaseUrl, 300_000);
    notes.push(
      `load ${((drainStarted - started) / 1000).toFixed(1)} s (outage ${(options.outageStartMs / 1000).toFixed(0)}–${((options.outageStartMs + options.outageMs) / 1000).toFixed(0)} s: ${MODES.join(', ')}), drain ${((Date.now() - drainStarted) / 1000).toFixed(1)} s`,
    );

    notes.push(
      `acknowledged/sent: ${[...tally].map(([kind, { sent, acked }]) => `${kind} ${acked}/${sent}`).join(', ')}`,
    );
    const stored = await assignedRefs(sandbox.databaseUrl);
    let lost = 0;
    let wrong = 0;
    for (const { ref } of filed)
      if (!stored.all.has(ref)) {
        lost += 1;
        note(`filing ${ref} acknowledged, not in the database`);
      }
    for (const ref of takesAcked)
      if (!stored.assigned.has(ref)) {
        lost += 1;
        note(`Take on ${ref} acknowledged, not persisted`);
      }
    const slackDms = slack.callsTo('chat.postMessage').filter((c) => /^U/.test(String(c.params.channel)));
    for (const request of filed) {
      const taken = stored.assigned.has(request.ref);
      for (const [where, card] of [
        ['Slack', slackTriageCard(slack, request.ref)],
        ['Teams', teamsTriageCard(connector, request.ref)],
      ] as const) {
        if (!card) {
          lost += 1;
          note(`${request.ref}: no ${where} triage card`);
        }
      }
      // What the requester was told, in the order it arrived.
      const told: string[] =
        request.platform === 'slack'
          ? slackDms
              .filter(
                (c) =>
                  String(c.params.channel) === request.requester && names(slack.visibleText(c), request.ref),
              )
              .map((c) =>
                /filed as/i.test(String(c.params.text))
                  ? 'filed'
                  : /is on it/.test(String(c.params.text))
                    ? 'taken'
                    : 'other',
              )
          : teamsMessagesNaming(connector, request.ref)
              .filter(
                (c) =>
                  c.conversationId === personalChatOf({ id: '', name: '', aadObjectId: request.requester }),
              )
              .map((c) => (/is on it/.test(JSON.stringify(c.body)) ? 'taken' : 'other'));
      // Filed from the Teams chat, the form itself became the confirmation: no message follows.
      const owed: string[] = [
        ...(request.platform === 'slack' ? ['filed'] : []),
        ...(taken ? ['taken'] : []),
      ];
      const missing = owed.filter((what) => !told.includes(what));
      if (missing.length > 0) {
        lost += missing.length;
        note(`${request.ref} (${request.platform}): the requester was never told ${missing.join(', ')}`);
      } else if (told.filter((what) => owed.includes(what)).join() !== owed.join()) {
        wrong += 1;
        note(`${request.ref} (${request.platform}): told out of order: ${told.join(' → ')}`);
      }
    }
    const twice = [...slackDuplicates(slack), ...teamsDuplicates(connector)];
    for (const text of twice.slice(0, 5)) note(`delivered twice: ${text}`);
    const final = await jobStatuses(sandbox.databaseUrl);
    if ((jobs.owed ?? 0) > 0) {
      wrong += 1;
      note(`queue not drained: ${JSON.stringify(jobs)}`);
    }
    if ((final.failed ?? 0) > 0) {
      wrong += 1;
      note(`${final.failed} jobs parked`);
    }
    const faults = slack.faults.total() + connector.faults.total();
    notes.push(
      `${filed.length} filings and ${takesAcked.size} Takes acknowledged; calls failed: Slack ${JSON.stringify(slack.faults.injected)}, Teams ${JSON.stringify(connector.faults.injected)}; jobs ${JSON.stringify(final)}`,
    );
    return {
      scenario: 'platform outage (Slack + Teams)',
      sent,
      acknowledged: filed.length + takesAcked.size,
      faults,
      lost,
      duplicated: twice.length,
      wrong,
      notes,
    };
  } finally {
    await stopGently(server);
    await slack.close();
    await connector.close();
    sandbox.remove();
  }
}

import { FakeSlack, type SlackCall } from '../../../src/sandbox/fake-slack.js';
import { fillView, SlackRequests, type SlackResponse } from '../../../src/sandbox/slack-requests.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { FakeSocketMode } from '../../support/fake-socket-mode.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-1-A0GAPDESK-test-app-token';
export const TRIAGE_CHANNEL = 'C0FACILITY';
/** People in the fixtures: Alex and Sam are Facilities (Sam leads), Dana files, Eve is nobody's member. */
export const ALEX = 'U0ALEX';
export const SAM = 'U0SAM';
export const DANA = 'U0DANA';
export const EVE = 'U0EVE';

/**
 * How Slack reaches the app: signed HTTP requests to POST /slack/events, or Socket Mode envelopes
 * over the connection the app opened to a fake Socket Mode server. Suites that run on both say
 * `describe.each(SLACK_TRANSPORTS)`.
 */
export type SlackTransportName = 'http' | 'socket mode';
export const SLACK_TRANSPORTS: SlackTransportName[] = ['http', 'socket mode'];

export type SlackTestbed = TestApp & {
  fake: FakeSlack;
  slack: SlackRequests;
  /** The fake Socket Mode server, on the socket mode transport. */
  socket?: FakeSocketMode;
  closeAll(): Promise<void>;
};

/** The real app with its Slack adapter pointed at a fake Slack Web API (and Socket Mode server); all on loopback. */
export async function startSlackTestbed(
  options: {
    transport?: SlackTransportName;
    /** GAPDESK_PUBLIC_URL, GAPDESK_REPORT_SECRET and GAPDESK_REPORT_LINK_DAYS of the app. */
    publicUrl?: string;
    reportSecret?: string;
    reportLinkDays?: number;
  } = {},
): Promise<SlackTestbed> {
  const transport = options.transport ?? 'http';
  let clockNow: () => Date = () => new Date();
  const fake = await FakeSlack.start({ now: () => clockNow() });
  const socket = transport === 'socket mode' ? await FakeSocketMode.start() : undefined;
  if (socket) fake.serveSocketMode(() => socket.issueUrl());
  const testApp = await startTestApp({
    slack: socket
      ? { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.url }
      : { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.url },
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.reportSecret ? { reportSecret: options.reportSecret } : {}),
    ...(options.reportLinkDays ? { reportLinkDays: options.reportLinkDays } : {}),
  });
  clockNow = () => testApp.clock.now();
  fake.addUser({ id: DANA, name: 'dana', real_name: 'Dana Reyes', tz: 'Europe/London' });
  return {
    ...testApp,
    fake,
    slack: socket
      ? new SlackRequests(socket.transport())
      : new SlackRequests(testApp.baseUrl, SIGNING_SECRET),
    ...(socket ? { socket } : {}),
    closeAll: async () => {
      await testApp.close();
      await socket?.close();
      await fake.close();
    },
  };
}

/** The Web API calls the bot made with its bot token (in Socket Mode, not the app token's apps.connections.open). */
export function botCalls(bed: SlackTestbed): SlackCall[] {
  return bed.fake.calls.filter((call) => call.method !== 'apps.connections.open');
}

/** The modal the app opened (views.open) after `since`, with the id the fake gave it. */
export async function openedModal(
  bed: SlackTestbed,
  since: number,
): Promise<{ id: string; view: ModalJson }> {
  const call = await bed.fake.waitFor((c) => c.method === 'views.open', { since });
  const view = call.response.view as ModalJson & { id: string };
  return { id: view.id, view: call.params.view as ModalJson };
}

export type ModalJson = {
  callback_id?: string;
  private_metadata?: string;
  blocks?: unknown[];
  title?: { text: string };
};

/** Submits a modal the app opened, filled in with `answers` by block id. */
export function submitModal(
  bed: SlackTestbed,
  user: string,
  modal: { id: string; view: ModalJson },
  answers: Record<string, string>,
): Promise<SlackResponse> {
  return bed.slack.viewSubmission({
    user,
    view: {
      id: modal.id,
      callback_id: modal.view.callback_id ?? '',
      private_metadata: modal.view.private_metadata ?? '',
      values: fillView(modal.view, answers),
    },
  });
}

/** `/request text` → modal → submission; returns the submission's response body. */
export async function fileBySlash(
  bed: SlackTestbed,
  user: string,
  text: string,
  answers: Record<string, string>,
): Promise<{ ref: string; response: SlackResponse }> {
  const since = bed.fake.mark();
  const ack = await bed.slack.command({ user, text });
  if (ack.status !== 200) throw new Error(`slash command answered ${ack.status}`);
  const modal = await openedModal(bed, since);
  const response = await submitModal(bed, user, modal, answers);
  const ref = /\*([A-Z]+-\d+)\*/.exec(response.text)?.[1] ?? '';
  return { ref, response };
}

/**
 * Waits until the app has handled every Slack request sent so far. Bolt answers before it runs
 * the handlers (events are acknowledged on arrival), so an HTTP 200 alone does not say that.
 */
export async function handled(bed: SlackTestbed): Promise<void> {
  const slack = bed.app.adapters.find((adapter) => adapter.platform === 'slack');
  if (!slack?.settled) throw new Error('the Slack adapter cannot say when its handlers are done');
  await slack.settled();
}

/** Waits for the Slack handlers, then for the jobs they queued (and those a kick started). */
export async function deliver(bed: SlackTestbed): Promise<void> {
  await handled(bed);
  await bed.app.worker.drain();
  await bed.app.worker.drain();
}

/** The triage card as it now stands: the last post or update of the message holding `ref`. */
export function currentCard(bed: SlackTestbed, ref: string): SlackCall | undefined {
  const cards = bed.fake.calls.filter(
    (c) =>
      (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
      !c.params.thread_ts &&
      Array.isArray(c.params.blocks) &&
      JSON.stringify(c.params.blocks).includes(`${ref} · `),
  );
  return cards.at(-1);
}

/** What the bot sent or changed after call number `before`: every call but profile lookups (users.info) and Socket Mode reconnects. */
export function sentSince(bed: SlackTestbed, before: number): SlackCall[] {
  return bed.fake.calls
    .slice(before)
    .filter((c) => c.method !== 'users.info' && c.method !== 'apps.connections.open');
}

export function threadReplies(bed: SlackTestbed): SlackCall[] {
  return bed.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts);
}

export function dmsTo(bed: SlackTestbed, user: string): SlackCall[] {
  return bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === user);
}

export async function requestIdOf(bed: SlackTestbed, ref: string): Promise<string> {
  const row = await bed.app.database.db
    .selectFrom('requests')
    .select('id')
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Dana's leaking radiator, filed with /request and its first deliveries made: the triage tests' starting point. */
export async function fileLeakingRadiator(bed: SlackTestbed): Promise<{ ref: string; requestId: string }> {
  const { ref } = await fileBySlash(bed, DANA, 'Radiator leaking', {
    category: 'Plumbing',
    description: 'Radiator leaking by the window',
    needed_by: 'today',
  });
  const requestId = await requestIdOf(bed, ref);
  await deliver(bed);
  return { ref, requestId };
}

// Scenario 6, bad input: mutated Slack requests against a real gapdesk process (src/main.ts on a
// temp SQLite file, the sandbox Slack Web API behind it). Every payload is one Slack must never
// get through: a bad or missing signature, a replayed (old) timestamp, broken JSON, wrong types,
// huge strings, unknown action and callback ids. Checks: the process stays up and /healthz says
// ok; no answer is a 5xx; no row appears in any table a request writes; each refusal is logged
// once under its x-request-id; no log line carries a payload (each payload holds a marker).

import { seededRandom } from '../src/cli/demo/random.js';
import { FakeSlack } from '../src/sandbox/fake-slack.js';
import { slackSignature } from '../src/sandbox/slack-requests.js';
import {
  type GapdeskProcess,
  isAlive,
  makeSandbox,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
} from './support/gapdesk-process.js';
import { runPool } from './support/pool.js';
import { type Answer, answersByKind, refusalProblems } from './support/refusals.js';
import { rowCounts } from './support/row-counts.js';
import type { ScenarioResult } from './support/table.js';

const MARKER = 'CHAOS-PAYLOAD-MARKER';
const FORM = 'application/x-www-form-urlencoded';

type Mutation = {
  kind: string;
  body: string;
  contentType: string;
  timestamp?: number;
  signature?: string | null;
};

function interactionBody(payload: unknown): string {
  return `payload=${encodeURIComponent(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
}

function hugeString(random: () => number): string {
  return `${MARKER}${'x'.repeat(50_000 + Math.floor(random() * 200_000))}`;
}

/** One mutated request; `i` and `random` pick the kind and its details. */
function mutation(i: number, random: () => number): Mutation {
  const user = { id: `U0FUZZ${i}`, username: 'fuzz', team_id: 'T0GAPDESK' };
  const now = Math.floor(Date.now() / 1000);
  const command = new URLSearchParams({
    team_id: 'T0GAPDESK',
    channel_id: 'C0GENERAL',
    user_id: user.id,
    user_name: 'fuzz',
    command: '/request',
    text: `${MARKER} please`,
    trigger_id: `trigger-${i}`,
  }).toString();
  const kinds: (() => Mutation)[] = [
    () => ({ kind: 'bad signature', body: command, contentType: FORM, signature: `v0=${'0'.repeat(64)}` }),
    () => ({ kind: 'no signature', body: command, contentType: FORM, signature: null }),
    () => ({
      kind: 'signed with another secret',
      body: command,
      contentType: FORM,
      signature: slackSignature('not-the-secret', now, command),
    }),
    () => ({
      kind: 'replayed timestamp',
      body: command,
      contentType: FORM,
      timestamp: now - 600 - Math.floor(random() * 86_400),
    }),
    () => {
      const json = JSON.stringify({ type: 'event_callback', event: { type: 'message', text: MARKER } });
      return {
        kind: 'fuzzed JSON',
        body: json.slice(0, Math.floor(random() * (json.length - 1))),
        contentType: 'application/json',
      };
    },
    () => ({
      kind: 'fuzzed payload',
      body: interactionBody(`{"type":"block_actions","x":"${MARKER}`),
      contentType: FORM,
    }),
    () => ({
      kind: 'wrong types',
      body: interactionBody({
        type: 'block_actions',
        user,
        actions: [{ action_id: 'triage_take', value: { MARKER } }],
      }),
      contentType: FORM,
    }),
    () => ({
      kind: 'unknown action id',
      body: interactionBody({
        type: 'block_actions',
        user,
        trigger_id: `t${i}`,
        actions: [{ type: 'button', action_id: `chaos_${i}`, block_id: 'b', value: MARKER, action_ts: '1' }],
      }),
      contentType: FORM,
    }),
    () => ({
      kind: 'unknown callback id',
      body: interactionBody({
        type: 'view_submission',
        user,
        trigger_id: `t${i}`,
        view: {
          id: `VFUZZ${i}`,
          type: 'modal',
          callback_id: `chaos_${i}`,
          private_metadata: MARKER,
          state: { values: {} },
        },
      }),
      contentType: FORM,
    }),
    () => ({
      kind: 'submission, wrong types',
      body: interactionBody({
        type: 'view_submission',
        user,
        trigger_id: `t${i}`,
        view: {
          id: `VFUZZ${i}`,
          type: 'modal',
          callback_id: 'request_submit',
          private_metadata: MARKER,
          state: { values: { description: { description: { type: 'plain_text_input', value: 42 } } } },
        },
      }),
      contentType: FORM,
    }),
    () => ({
      kind: 'huge string',
      body: interactionBody({
        type: 'view_submission',
        user,
        view: {
          id: `VFUZZ${i}`,
          callback_id: 'request_submit',
          private_metadata: hugeString(random),
          state: 7,
        },
      }),
      contentType: FORM,
    }),
    () => ({
      kind: 'not a Slack body',
      body: `${MARKER}\u0000\u00ff${'%'.repeat(Math.floor(random() * 50))}`,
      contentType: 'text/plain',
    }),
  ];
  const pick = kinds[i % kinds.length] ?? kinds[0];
  return (pick as () => Mutation)();
}

async function send(server: GapdeskProcess, requestId: string, m: Mutation): Promise<number> {
  const timestamp = m.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    m.signature === undefined ? slackSignature(SIGNING_SECRET, timestamp, m.body) : m.signature;
  const headers: Record<string, string> = {
    'content-type': m.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-request-id': requestId,
  };
  if (signature !== null) headers['x-slack-signature'] = signature;
  try {
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers, body: m.body });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export async function badInput(options: { count: number; seed: number }): Promise<ScenarioResult> {
  const fake = await FakeSlack.start();
  const sandbox = makeSandbox(fake.url);
  const random = seededRandom(options.seed).next;
  const notes: string[] = [];
  let server: GapdeskProcess | undefined;
  try {
    server = await startGapdesk(sandbox);
    const before = await rowCounts(sandbox.databaseUrl);
    const answers: Answer[] = [];
    const mutations = Array.from({ length: options.count }, (_, i) => mutation(i, random));
    const running = server;
    await runPool(options.count, 100, async (i) => {
      const m = mutations[i] as Mutation;
      const id = `chaos-${i}`;
      const sent = Date.now();
      const status = await send(running, id, m);
      answers.push({ kind: m.kind, id, status, ms: Date.now() - sent });
    });
    // Let any unacknowledged listener run out (Bolt waits 3 s) and its lines reach us.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const health = await fetch(`${server.url}/healthz`)
      .then((r) => r.status)
      .catch(() => 0);
    const after = await rowCounts(sandbox.databaseUrl);

    const problems = [
      ...(isAlive(server) ? [] : ['the process died']),
      ...(health === 200 ? [] : [`/healthz answered ${health}`]),
      ...refusalProblems({
        answers,
        lines: server.lines,
        marker: MARKER,
        rowsBefore: before,
        rowsAfter: after,
      }),
    ];
    const unscoped =
      server.lines.filter((line) => line.level === 40 || line.level === 50).length - answers.length;
    notes.push(
      ...problems.slice(0, 8),
      `answers by kind: ${answersByKind(answers)}`,
      `warn/error lines beyond one per refusal: ${unscoped}`,
      `refusals answered only after Bolt's 3 s ack timeout: ${answers.filter((s) => s.ms >= 2_900).length}`,
    );
    return {
      scenario: 'bad input (Slack)',
      sent: answers.length,
      acknowledged: answers.filter((s) => s.status >= 200 && s.status < 300).length,
      faults: answers.length,
      lost: 0,
      duplicated: 0,
      wrong: problems.length,
      notes,
    };
  } finally {
    if (server) await stopGently(server);
    await fake.close();
    sandbox.remove();
  }
}

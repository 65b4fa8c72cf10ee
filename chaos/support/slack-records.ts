import { SURVEY_ACTION } from '../../adapters/slack/survey/survey-ids.js';
import type { FakeSlack, SlackCall } from '../../src/sandbox/fake-slack.js';
import { buttonsIn } from '../../src/sandbox/slack-person.js';

const isCard = (call: SlackCall, channel: string) =>
  call.params.channel === channel && !call.params.thread_ts;

/** The triage card of a request: the top-level post in the triage channel titled with it. */
export function triageCardOf(fake: FakeSlack, channel: string, ref: string): SlackCall | undefined {
  return fake
    .callsTo('chat.postMessage')
    .find((c) => isCard(c, channel) && fake.visibleText(c).includes(`${ref} · `));
}

/** Whether a message names request `ref` (FAC-1, not FAC-10). */
export function names(fake: FakeSlack, call: SlackCall, ref: string): boolean {
  return new RegExp(`\\b${ref}\\b`).test(fake.visibleText(call));
}

/**
 * The same logical message twice: same channel, thread and content (each names its request), or
 * a second triage card for a request (a card posted again after a change has other content).
 */
export function duplicatePosts(fake: FakeSlack, triageChannel: string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const call of fake.callsTo('chat.postMessage')) {
    const { channel, thread_ts, text, blocks } = call.params;
    const ref = isCard(call, triageChannel) ? /([A-Z]+-\d+) · /.exec(fake.visibleText(call))?.[1] : undefined;
    const key = ref ?? JSON.stringify([channel, thread_ts ?? null, text, blocks]);
    if (seen.has(key))
      twice.push(
        ref ? `a second triage card for ${ref}` : `${String(channel)}: ${String(text).slice(0, 60)}`,
      );
    seen.add(key);
  }
  return twice;
}

/** Survey DMs (the question with its score buttons) posted, by survey id. */
export function surveyPostsById(fake: FakeSlack): Map<string, number> {
  const posts = new Map<string, number>();
  for (const call of fake.callsTo('chat.postMessage')) {
    const button = buttonsIn(call.params.blocks).find((b) =>
      b.action_id?.startsWith(`${SURVEY_ACTION.score}:`),
    );
    if (button?.value) posts.set(button.value, (posts.get(button.value) ?? 0) + 1);
  }
  return posts;
}

/** How many top-level messages each channel received. */
export function postsToChannel(fake: FakeSlack, channel: string): SlackCall[] {
  return fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && !c.params.thread_ts);
}

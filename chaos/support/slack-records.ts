import { SURVEY_ACTION } from '../../adapters/slack/survey/survey-ids.js';
import type { FakeSlack, SlackCall } from '../../src/sandbox/fake-slack.js';
import { buttonsIn } from '../../src/sandbox/slack-person.js';

/** The triage card of a request: the top-level post in the triage channel that names it. */
export function triageCardOf(fake: FakeSlack, channel: string, ref: string): SlackCall | undefined {
  return fake
    .callsTo('chat.postMessage')
    .find((c) => c.params.channel === channel && !c.params.thread_ts && fake.visibleText(c).includes(ref));
}

/** The same logical message twice: same channel, thread and content (each names its request). */
export function duplicatePosts(fake: FakeSlack): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const call of fake.callsTo('chat.postMessage')) {
    const { channel, thread_ts, text, blocks } = call.params;
    const key = JSON.stringify([channel, thread_ts ?? null, text, blocks]);
    if (seen.has(key)) twice.push(`${String(channel)}: ${String(text).slice(0, 60)}`);
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

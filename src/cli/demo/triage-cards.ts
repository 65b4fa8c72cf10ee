import { type Card, cardOf, cardTextOf } from '../../sandbox/adaptive-cards.js';
import type { ConnectorCall } from '../../sandbox/fake-bot-connector.js';
import type { SlackCall } from '../../sandbox/fake-slack.js';
import type { SandboxWorld } from './sandbox-world.js';

const TRIAGE_SLACK = 'C0FACILITY';
const REF = /\b[A-Z]+-\d+\b/g;

/**
 * Each request's triage card as it now stands, on both platforms, read from what the sandbox
 * recorded. Kept up to date from the calls made since the last look: over several weeks the
 * sandbox holds thousands of calls, and searching them all for every button press made the
 * demo quadratic.
 */
export class TriageCards {
  private slackSeen = 0;
  private connectorSeen = 0;
  private readonly slack = new Map<string, SlackCall>();
  private readonly teamsThreads = new Map<string, ConnectorCall>();
  private readonly teamsUpdates = new Map<string, ConnectorCall>();

  constructor(private readonly world: SandboxWorld) {}

  /** The last post or update of the Slack triage message for `ref`. */
  slackCard(ref: string): SlackCall | undefined {
    const calls = this.world.fakeSlack.calls;
    for (; this.slackSeen < calls.length; this.slackSeen++) {
      const call = calls[this.slackSeen] as SlackCall;
      if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') continue;
      if (call.params.channel !== TRIAGE_SLACK || call.params.thread_ts) continue;
      // A card names its request as "FAC-12 · …": a ref followed by a space.
      const text = JSON.stringify(call.params.blocks ?? []);
      for (const [found] of text.matchAll(/\b([A-Z]+-\d+) /g)) this.slack.set(found.trim(), call);
    }
    return this.slack.get(ref);
  }

  /** The Teams triage thread for `ref` and its card as last updated. */
  teamsCard(ref: string): { threadId: string; card: Card } | undefined {
    const calls = this.world.connector.calls;
    for (; this.connectorSeen < calls.length; this.connectorSeen++) {
      const call = calls[this.connectorSeen] as ConnectorCall;
      if (call.status >= 300) continue;
      if (call.kind === 'update' && call.activityId) this.teamsUpdates.set(call.activityId, call);
      if (call.kind !== 'createConversation') continue;
      let text: string;
      try {
        text = cardTextOf(cardOf(call));
      } catch {
        continue;
      }
      for (const [found] of text.matchAll(REF))
        if (!this.teamsThreads.has(found)) this.teamsThreads.set(found, call);
    }
    const created = this.teamsThreads.get(ref);
    if (!created?.activityId) return undefined;
    return {
      threadId: created.activityId,
      card: cardOf(this.teamsUpdates.get(created.activityId) ?? created),
    };
  }
}

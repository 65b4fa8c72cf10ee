import type { FakeSlack, SlackCall } from './fake-slack.js';
import { fillView, type SlackRequests, type SlackResponse } from './slack-requests.js';

type Button = { type: string; text?: { text?: string }; action_id?: string; value?: string };

/** Every button in a message's or view's blocks, with its visible label. */
export function buttonsIn(blocks: unknown): Button[] {
  const found: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node && typeof node === 'object') {
      const element = node as Button & Record<string, unknown>;
      if (element.type === 'button') found.push(element);
      for (const value of Object.values(element)) if (typeof value === 'object') walk(value);
    }
  };
  walk(blocks);
  return found;
}

/**
 * A person in the sandbox Slack workspace: does what a person does in Slack (types /request,
 * presses the button labelled Take, fills a modal) by sending gapdesk the correctly signed
 * requests Slack would send, and reads what gapdesk sent back from the sandbox Web API.
 */
export class SlackSandboxPerson {
  constructor(
    readonly userId: string,
    private readonly fake: FakeSlack,
    private readonly slack: SlackRequests,
  ) {}

  /** `/request text` → the modal → filled in and submitted. Returns the submission's answer. */
  async slashRequest(text: string, answers: Record<string, string>): Promise<SlackResponse> {
    const since = this.fake.mark();
    await this.expectOk(this.slack.command({ user: this.userId, text }));
    return this.submitOpenedModal(since, answers);
  }

  async globalShortcut(answers: Record<string, string>): Promise<SlackResponse> {
    const since = this.fake.mark();
    await this.expectOk(this.slack.globalShortcut({ user: this.userId }));
    return this.submitOpenedModal(since, answers);
  }

  async messageShortcut(
    channel: string,
    message: { ts: string; text: string; user: string },
    answers: Record<string, string>,
  ) {
    const since = this.fake.mark();
    await this.expectOk(this.slack.messageShortcut({ user: this.userId, channel, message }));
    return this.submitOpenedModal(since, answers);
  }

  /** Reacts with :ticket: to a message already in the sandbox channel. */
  async ticketReaction(channel: string, message: { ts: string; user: string }): Promise<void> {
    await this.expectOk(
      this.slack.event({
        type: 'reaction_added',
        user: this.userId,
        reaction: 'ticket',
        item_user: message.user,
        item: { type: 'message', channel, ts: message.ts },
        event_ts: message.ts,
      }),
    );
  }

  /** Writes to the bot, then presses the button it offers and submits the form. */
  async directMessage(text: string, ts: string, answers: Record<string, string>): Promise<SlackResponse> {
    const channel = `D${this.userId.slice(1)}`;
    const since = this.fake.mark();
    await this.expectOk(
      this.slack.event({ type: 'message', channel, channel_type: 'im', user: this.userId, text, ts }),
    );
    const offer = await this.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel,
      { since },
    );
    const modalSince = this.fake.mark();
    await this.press(offer, buttonsIn(offer.params.blocks)[0]?.text?.text ?? '', channel);
    return this.submitOpenedModal(modalSince, answers);
  }

  /** Presses the button with this label on a message gapdesk posted (or updated). */
  async press(
    message: SlackCall,
    label: string,
    channel = String(message.params.channel),
  ): Promise<SlackResponse> {
    const button = buttonsIn(message.params.blocks).find((b) => b.text?.text === label);
    if (!button?.action_id) throw new Error(`no button "${label}" on that message`);
    return this.expectOk(
      this.slack.blockAction({
        user: this.userId,
        actionId: button.action_id,
        value: button.value ?? '',
        channel,
        messageTs: String(message.response.ts ?? message.params.ts ?? ''),
      }),
    );
  }

  /** Presses a button that opens a modal (Defer…, Resolve…) and submits it filled in. */
  async pressAndSubmit(
    message: SlackCall,
    label: string,
    answers: Record<string, string> | { text: string },
  ): Promise<SlackResponse> {
    const since = this.fake.mark();
    await this.press(message, label);
    return this.submitOpenedModal(since, answers);
  }

  /** Submits the modal gapdesk opened after `since`; answers by block id, or `text` for its only input. */
  async submitOpenedModal(
    since: number,
    answers: Record<string, string> | { text: string },
  ): Promise<SlackResponse> {
    const opened = await this.fake.waitFor((c) => c.method === 'views.open', { since });
    const view = opened.params.view as {
      callback_id?: string;
      private_metadata?: string;
      blocks?: unknown[];
    };
    if ('text' in answers && typeof answers.text === 'string' && Object.keys(answers).length === 1) {
      const input = (view.blocks as Array<{ type: string; block_id?: string }> | undefined)?.find(
        (b) => b.type === 'input',
      );
      answers = input?.block_id ? { [input.block_id]: answers.text } : {};
    }
    const id = String((opened.response.view as { id?: string } | undefined)?.id ?? '');
    return this.expectOk(
      this.slack.viewSubmission({
        user: this.userId,
        view: {
          id,
          callback_id: view.callback_id ?? '',
          private_metadata: view.private_metadata ?? '',
          values: fillView(view, answers as Record<string, string>),
        },
      }),
    );
  }

  private async expectOk(response: Promise<SlackResponse>): Promise<SlackResponse> {
    const answer = await response;
    if (answer.status !== 200)
      throw new Error(`gapdesk answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return answer;
  }
}

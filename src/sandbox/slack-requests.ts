import { createHmac } from 'node:crypto';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export type SlackResponse = { status: number; text: string; json(): unknown };
export type SignOptions = { timestamp?: number; secret?: string; headers?: Record<string, string> };

type StateValue = Record<string, unknown>;
/** A submitted view's state: block id → action id → value, as Slack sends it. */
export type ViewValues = Record<string, Record<string, StateValue>>;

type ViewBlock = {
  type: string;
  block_id?: string;
  element?: { type: string; action_id: string };
};

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now()}${++counter}`;

/**
 * How what Slack sends reaches the app: signed HTTP POSTs to /slack/events, or envelopes over a
 * Socket Mode connection (the tests' fake Socket Mode server). The payloads are the same; only
 * the wrapping differs, and the answer is the HTTP response or the acknowledgement's payload.
 */
export interface SlackTransport {
  /** A slash command's fields (form fields over HTTP, the envelope's payload in Socket Mode). */
  command(fields: Record<string, string>, options?: SignOptions): Promise<SlackResponse>;
  /** An interaction payload: a shortcut, block_actions or view_submission. */
  interactive(payload: Record<string, unknown>, options?: SignOptions): Promise<SlackResponse>;
  /** An Events API callback; `retryNum` set when it is Slack's retry number N of it. */
  event(body: Record<string, unknown>, retryNum?: number, options?: SignOptions): Promise<SlackResponse>;
}

/** Slack's HTTP transport: every request POSTed to /slack/events, correctly signed unless told otherwise. */
export class SignedHttp implements SlackTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  async post(body: string, contentType: string, options: SignOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(`${this.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(options.secret ?? this.secret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) as unknown };
  }

  command(fields: Record<string, string>, options?: SignOptions): Promise<SlackResponse> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  interactive(payload: Record<string, unknown>, options?: SignOptions): Promise<SlackResponse> {
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  event(body: Record<string, unknown>, retryNum?: number, options: SignOptions = {}): Promise<SlackResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return this.post(JSON.stringify(body), 'application/json', { ...options, headers });
  }
}

/**
 * Sends what Slack sends: slash commands, shortcuts, Events API callbacks, block_actions and
 * view_submissions, over HTTP to `baseUrl` signed with `secret`, or through another transport.
 */
export class SlackRequests {
  private readonly transport: SlackTransport;

  constructor(target: string | SlackTransport, secret = '') {
    this.transport = typeof target === 'string' ? new SignedHttp(target, secret) : target;
  }

  command(
    input: { user: string; userName?: string; text?: string; channel?: string },
    options?: SignOptions,
  ): Promise<SlackResponse> {
    const fields = {
      token: 'legacy-verification-token',
      team_id: 'T0GAPDESK',
      team_domain: 'gapdesk-test',
      channel_id: input.channel ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: input.user,
      user_name: input.userName ?? input.user.toLowerCase(),
      command: '/request',
      text: input.text ?? '',
      api_app_id: 'A0GAPDESK',
      response_url: 'https://hooks.slack.com/commands/T0GAPDESK/1/x',
      trigger_id: nextId('trigger-'),
    };
    return this.transport.command(fields, options);
  }

  interaction(payload: Record<string, unknown>, options?: SignOptions): Promise<SlackResponse> {
    return this.transport.interactive(
      {
        team: { id: 'T0GAPDESK', domain: 'gapdesk-test' },
        api_app_id: 'A0GAPDESK',
        token: 'legacy',
        ...payload,
      },
      options,
    );
  }

  globalShortcut(input: { user: string; callbackId?: string }): Promise<SlackResponse> {
    return this.interaction({
      type: 'shortcut',
      callback_id: input.callbackId ?? 'new_request',
      trigger_id: nextId('trigger-'),
      user: { id: input.user, username: input.user.toLowerCase(), team_id: 'T0GAPDESK' },
      action_ts: String(Date.now() / 1000),
    });
  }

  messageShortcut(input: {
    user: string;
    channel: string;
    message: { ts: string; text: string; user: string };
  }): Promise<SlackResponse> {
    return this.interaction({
      type: 'message_action',
      callback_id: 'turn_into_request',
      trigger_id: nextId('trigger-'),
      response_url: 'https://hooks.slack.com/app/T0GAPDESK/1/x',
      user: {
        id: input.user,
        username: input.user.toLowerCase(),
        name: input.user.toLowerCase(),
        team_id: 'T0GAPDESK',
      },
      channel: { id: input.channel, name: 'general' },
      message: { type: 'message', ...input.message },
      message_ts: input.message.ts,
      action_ts: String(Date.now() / 1000),
    });
  }

  event(
    event: Record<string, unknown>,
    options: { retryNum?: number; eventId?: string } & SignOptions = {},
  ): Promise<SlackResponse> {
    const { retryNum, eventId, ...signing } = options;
    const body = {
      token: 'legacy',
      team_id: 'T0GAPDESK',
      api_app_id: 'A0GAPDESK',
      event,
      type: 'event_callback',
      event_id: eventId ?? nextId('Ev'),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0GAPDESK', user_id: 'U0BOT', is_bot: true }],
    };
    return this.transport.event(body, retryNum, signing);
  }

  blockAction(input: {
    user: string;
    actionId: string;
    value?: string;
    channel?: string;
    messageTs?: string;
    view?: { id: string; hash?: string; private_metadata?: string; state?: { values: ViewValues } };
    selectedOption?: string;
  }): Promise<SlackResponse> {
    return this.interaction({
      type: 'block_actions',
      trigger_id: nextId('trigger-'),
      user: {
        id: input.user,
        username: input.user.toLowerCase(),
        name: input.user.toLowerCase(),
        team_id: 'T0GAPDESK',
      },
      container: input.view
        ? { type: 'view', view_id: input.view.id }
        : { type: 'message', channel_id: input.channel, message_ts: input.messageTs, is_ephemeral: false },
      ...(input.channel ? { channel: { id: input.channel, name: 'facilities' } } : {}),
      ...(input.view ? { view: { type: 'modal', ...input.view } } : {}),
      ...(input.messageTs ? { message: { ts: input.messageTs, type: 'message' } } : {}),
      response_url: 'https://hooks.slack.com/actions/T0GAPDESK/1/x',
      actions: [
        {
          type: input.selectedOption ? 'static_select' : 'button',
          action_id: input.actionId,
          block_id: 'b',
          ...(input.value !== undefined ? { value: input.value } : {}),
          ...(input.selectedOption ? { selected_option: { value: input.selectedOption } } : {}),
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
  }

  viewSubmission(input: {
    user: string;
    view: { id: string; callback_id: string; private_metadata?: string; values: ViewValues };
  }): Promise<SlackResponse> {
    return this.interaction({
      type: 'view_submission',
      trigger_id: nextId('trigger-'),
      user: {
        id: input.user,
        username: input.user.toLowerCase(),
        name: input.user.toLowerCase(),
        team_id: 'T0GAPDESK',
      },
      view: {
        id: input.view.id,
        type: 'modal',
        callback_id: input.view.callback_id,
        private_metadata: input.view.private_metadata ?? '',
        hash: 'h',
        state: { values: input.view.values },
      },
    });
  }
}

/**
 * Fills a modal the app opened the way a person would: for each block id given, the input's
 * element type decides the state shape (select, date, user, radio, text).
 */
export function fillView(view: { blocks?: unknown[] }, answers: Record<string, string>): ViewValues {
  const values: ViewValues = {};
  for (const block of (view.blocks ?? []) as ViewBlock[]) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const answer = answers[block.block_id];
    const { type, action_id } = block.element;
    values[block.block_id] = { [action_id]: stateFor(type, answer) };
  }
  return values;
}

function stateFor(type: string, answer: string | undefined): StateValue {
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return {
        type,
        selected_option: answer ? { value: answer, text: { type: 'plain_text', text: answer } } : null,
      };
    case 'datepicker':
      return { type, selected_date: answer ?? null };
    case 'users_select':
      return { type, selected_user: answer ?? null };
    default:
      return { type, value: answer ?? null };
  }
}

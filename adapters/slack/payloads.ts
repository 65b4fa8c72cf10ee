import { z } from 'zod';
import type { Actor } from '../../src/domain/request.js';

/** zod schemas for the parts of Slack's payloads we read; anything else Slack sends is ignored. */
export const slackUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
});
export type SlackUser = z.infer<typeof slackUserSchema>;

/** Payloads carry the handle, not the name people go by: it stands in until users.info tells (SlackPeople). */
export function actorOf(user: SlackUser): Actor {
  const handle = user.username ?? user.name;
  return { platform: 'slack', userId: user.id, ...(handle ? { fallbackName: handle } : {}) };
}

export const slashCommandSchema = z.object({
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
  channel_id: z.string().optional(),
});

const optionSchema = z.object({ value: z.string() });

/** One input's state in a submitted or updated view. */
export const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: optionSchema.nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
});
export const viewStateSchema = z.object({
  values: z.record(z.string(), z.record(z.string(), stateValueSchema)),
});
export type ViewState = z.infer<typeof viewStateSchema>;

const viewSchema = z.object({
  id: z.string().min(1),
  hash: z.string().optional(),
  callback_id: z.string().optional(),
  private_metadata: z.string().default(''),
  state: viewStateSchema.default({ values: {} }),
});

export const viewSubmissionSchema = z.object({ user: slackUserSchema, view: viewSchema });

export const blockActionSchema = z.object({
  user: slackUserSchema,
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string() }).optional(),
  view: viewSchema.optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        selected_option: optionSchema.nullish(),
      }),
    )
    .min(1),
});

export const globalShortcutSchema = z.object({ user: slackUserSchema, trigger_id: z.string().min(1) });

export const messageShortcutSchema = z.object({
  user: slackUserSchema,
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({ ts: z.string().min(1), text: z.string().default(''), user: z.string().optional() }),
});

export const reactionAddedSchema = z.object({
  user: z.string(),
  reaction: z.string(),
  item_user: z.string().optional(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});

export const directMessageSchema = z.object({
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

export const appHomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

/** The first input's value in a block, whatever its element type. */
export function blockValue(state: ViewState, blockId: string): string | undefined {
  const inputs = Object.values(state.values[blockId] ?? {});
  for (const input of inputs) {
    const value = input.selected_option?.value ?? input.selected_date ?? input.selected_user ?? input.value;
    if (value !== null && value !== undefined && value !== '') return value;
  }
  return undefined;
}

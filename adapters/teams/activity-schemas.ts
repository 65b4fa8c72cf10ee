import { z } from 'zod';
import { notifyOnSchema } from '../../src/domain/requester-updates.js';

const account = z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() });

/** The parts of a Bot Framework activity gapdesk reads; everything else passes through unread. */
export const activitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
  serviceUrl: z.string().min(1),
  channelId: z.string(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  replyToId: z.string().optional(),
  locale: z.string().optional(),
  value: z.unknown().optional(),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).optional(),
      channel: z.object({ id: z.string() }).optional(),
      team: z.object({ id: z.string() }).optional(),
    })
    .optional(),
  entities: z.array(z.object({ type: z.string(), timezone: z.string().optional() }).loose()).optional(),
  membersAdded: z.array(account).optional(),
  action: z.string().optional(),
});
export type TeamsActivity = z.infer<typeof activitySchema>;

const inputValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** Action.Execute from a card: its verb and data (the card's inputs merged in). */
export const cardActionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.record(z.string(), inputValue.nullish()).default({}),
  }),
});

const messagePayload = z.object({
  id: z.string().optional(),
  body: z.object({ content: z.string().default(''), contentType: z.string().optional() }).optional(),
  linkToMessage: z.string().optional(),
});

/** composeExtension/fetchTask and /submitAction of the "Turn into a request" command. */
export const messageExtensionSchema = z.object({
  commandId: z.string(),
  commandContext: z.string().optional(),
  messagePayload: messagePayload.optional(),
  data: z.record(z.string(), inputValue.nullish()).optional(),
});

/** The form's fields as a card submits them (absent inputs are missing or empty). */
export const requestFormDataSchema = z.object({
  formId: z.string().min(1),
  teamId: z.string().min(1),
  category: z.string().optional(),
  location: z.string().optional(),
  description: z.string().optional(),
  neededBy: z.string().optional(),
  neededByDate: z.string().optional(),
});
export type RequestFormData = z.infer<typeof requestFormDataSchema>;

/** Quiet mode's switch on a requester card: the choice it sets. */
export const requesterUpdatesDataSchema = z.object({ notifyOn: notifyOnSchema });

/** Cancel request on a requester card, with the reason typed into its form. */
export const cancelRequestDataSchema = z.object({
  requestId: z.string().min(1),
  reason: z.string().optional(),
});

export const chooseTeamDataSchema = z.object({
  formId: z.string().min(1),
  teamId: z.string().min(1),
  description: z.string().optional(),
});

/** The user behind an activity, as gapdesk names them: the AAD object id (the emulator has none). */
export function actorOf(activity: TeamsActivity): {
  platform: 'teams';
  userId: string;
  name?: string;
  timezone?: string;
  locale?: string;
} {
  const timezone = activity.entities?.find((entity) => entity.type === 'clientInfo')?.timezone;
  return {
    platform: 'teams',
    userId: activity.from.aadObjectId ?? activity.from.id,
    ...(activity.from.name ? { name: activity.from.name } : {}),
    ...(timezone ? { timezone } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

export function tenantOf(activity: TeamsActivity): string {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? '';
}

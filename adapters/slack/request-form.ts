import { z } from 'zod';
import { type NeededByChoice, neededByChoiceSchema, sourceEntrySchema } from '../../src/domain/request.js';
import type { FileRequestInput } from '../../src/services/file-request.js';
import type { RequestFormMeta, RequestFormValues } from './blocks/request-modal.js';
import { FORM_BLOCK } from './ids.js';
import { actorOf, blockValue, type SlackUser, type ViewState } from './payloads.js';

export const requestFormMetaSchema = z.object({
  entry: sourceEntrySchema,
  teamId: z.string().min(1),
  permalink: z.string().optional(),
});

export function parseFormMeta(privateMetadata: string, fallbackTeamId: string): RequestFormMeta {
  try {
    return requestFormMetaSchema.parse(JSON.parse(privateMetadata));
  } catch {
    // A modal opened by an older build, or a tampered one: file it as a plain form.
    return { entry: 'slash_command', teamId: fallbackTeamId };
  }
}

/** The filing modal's inputs as typed values (team from the picker, else from the metadata). */
export function readRequestForm(state: ViewState): RequestFormValues & { teamId?: string } {
  const choice = neededByChoiceSchema.safeParse(blockValue(state, FORM_BLOCK.neededBy));
  return {
    teamId: blockValue(state, FORM_BLOCK.team),
    category: blockValue(state, FORM_BLOCK.category),
    location: blockValue(state, FORM_BLOCK.location),
    description: blockValue(state, FORM_BLOCK.description),
    neededBy: choice.success ? choice.data : undefined,
    date: blockValue(state, FORM_BLOCK.neededByDate),
  };
}

/** A date picked without choosing "By a date" means that date. */
function effectiveChoice(values: RequestFormValues): NeededByChoice | undefined {
  if (values.date && (!values.neededBy || values.neededBy === 'date')) return 'date';
  return values.neededBy;
}

export function toFileRequestInput(
  user: SlackUser,
  meta: RequestFormMeta,
  values: RequestFormValues & { teamId?: string },
  idempotencyKey: string,
): FileRequestInput {
  const choice = effectiveChoice(values);
  return {
    teamId: values.teamId ?? meta.teamId,
    requester: actorOf(user),
    category: values.category ?? '',
    location: values.location ?? null,
    description: values.description ?? '',
    // An unknown choice makes the service refuse the needed-by field, which the modal shows.
    neededBy: {
      choice: choice ?? ('' as NeededByChoice),
      date: choice === 'date' ? (values.date ?? null) : null,
    },
    source: { platform: 'slack', entry: meta.entry, permalink: meta.permalink ?? null },
    idempotencyKey,
  };
}

/** Service field errors → the modal's block ids, so each message shows beside its input. */
export function formErrors(
  fields: Record<string, string>,
  values: RequestFormValues,
  hasTeamPicker: boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const dateChosen = effectiveChoice(values) === 'date';
  for (const [field, message] of Object.entries(fields)) {
    const block =
      field === 'neededBy'
        ? dateChosen
          ? FORM_BLOCK.neededByDate
          : FORM_BLOCK.neededBy
        : field === 'teamId'
          ? hasTeamPicker
            ? FORM_BLOCK.team
            : FORM_BLOCK.category
          : field in FORM_BLOCK_BY_FIELD
            ? FORM_BLOCK_BY_FIELD[field as keyof typeof FORM_BLOCK_BY_FIELD]
            : FORM_BLOCK.description;
    const text = field === 'neededBy' && !values.neededBy && !values.date ? 'Say when you need it.' : message;
    errors[block] ??= text;
  }
  return errors;
}

const FORM_BLOCK_BY_FIELD = {
  category: FORM_BLOCK.category,
  location: FORM_BLOCK.location,
  description: FORM_BLOCK.description,
} as const;

import type { App } from '@slack/bolt';
import { z } from 'zod';
import { type ListenerDeps, replyEphemeral } from './listener-deps.js';

/** Said to the person whose click, command or message a listener failed on unexpectedly. */
export const LISTENER_FAILED_TEXT =
  'Sorry, that did not work: something went wrong on our side. Please try again in a moment.';

/** Who acted, and where: a click or a shortcut, a slash command, or an event. */
const actedSchema = z.union([
  z.object({ user: z.object({ id: z.string() }), channel: z.object({ id: z.string() }) }),
  z.object({ user_id: z.string(), channel_id: z.string() }),
  z.object({ event: z.object({ user: z.string(), channel: z.string() }) }),
]);

function whereActed(body: unknown): { user: string; channel: string } | undefined {
  const parsed = actedSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const acted = parsed.data;
  if ('event' in acted) return acted.event;
  if ('user_id' in acted) return { user: acted.user_id, channel: acted.channel_id };
  return { user: acted.user.id, channel: acted.channel.id };
}

/**
 * A listener that fails unexpectedly (the database unreachable, say) after Slack was answered
 * would leave the person with silence: the click was acknowledged and nothing happened. They get
 * an apology where they acted instead, and the failure is logged. A modal's listener answers
 * its own failures on the modal, where there is no channel to reply in.
 */
export function registerListenerFailed(app: App, deps: ListenerDeps): void {
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    deps.logger.error({ err: error }, 'Slack listener failed');
    const where = whereActed(body);
    if (!where) return;
    await replyEphemeral(deps.slack, where, LISTENER_FAILED_TEXT).catch((replyError: unknown) =>
      deps.logger.warn({ err: replyError }, 'the apology for a failed listener could not be sent'),
    );
  });
}

import type { App } from '@slack/bolt';
import { isAppError } from '../../../src/errors.js';
import { fileRequest } from '../../../src/services/file-request.js';
import { filedView } from '../blocks/replies.js';
import { CALLBACK, FORM_BLOCK } from '../ids.js';
import { viewSubmissionSchema } from '../payloads.js';
import { formErrors, parseFormMeta, readRequestForm, toFileRequestInput } from '../request-form.js';
import type { ListenerDeps } from './listener-deps.js';

/**
 * The filing form submitted: the service validates and persists (keyed by the view id, so a
 * double submit files once), and only then is the modal answered — with field errors beside
 * their inputs, or the reference. A failure keeps the form open with what was typed.
 */
export function registerRequestSubmission(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.requestModal, async ({ body, ack }) => {
    const submission = viewSubmissionSchema.parse(body);
    const teams = deps.services.teams.all;
    const meta = parseFormMeta(submission.view.private_metadata, teams[0]?.id ?? '');
    const values = readRequestForm(submission.view.state);
    try {
      const { request } = await fileRequest(
        deps.services,
        toFileRequestInput(submission.user, meta, values, `slack:view:${submission.view.id}`),
      );
      const team = deps.services.teams.get(request.teamId);
      await ack({ response_action: 'update', view: filedView(request, team.name) });
    } catch (error) {
      if (isAppError(error, 'invalid_input')) {
        const fields = (error.details.fields ?? {}) as Record<string, string>;
        await ack({ response_action: 'errors', errors: formErrors(fields, values, teams.length > 1) });
        return;
      }
      deps.logger.error({ err: error }, 'filing a request from Slack failed');
      await ack({
        response_action: 'errors',
        errors: { [FORM_BLOCK.description]: 'Sorry, that did not save. Please press Submit again.' },
      });
    }
  });
}

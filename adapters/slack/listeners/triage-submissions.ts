import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Actor } from '../../../src/domain/request.js';
import { isAppError } from '../../../src/errors.js';
import { assignRequest } from '../../../src/services/assign-request.js';
import { cancelRequest } from '../../../src/services/cancel-request.js';
import { deferRequest } from '../../../src/services/defer-request.js';
import { resolveRequest } from '../../../src/services/resolve-request.js';
import { waitOnRequest } from '../../../src/services/wait-on-request.js';
import { CALLBACK, TRIAGE_BLOCK } from '../ids.js';
import { actorOf, blockValue, type ViewState, viewSubmissionSchema } from '../payloads.js';
import { explainError } from './explain-error.js';
import type { ListenerDeps } from './listener-deps.js';

const metaSchema = z.object({ requestId: z.string().min(1) });

type TriageForm = {
  /** Service field name → the block that shows its error; the first is where other refusals go. */
  fields: Record<string, string>;
  submit: (deps: ListenerDeps, requestId: string, actor: Actor, state: ViewState) => Promise<unknown>;
};

const FORMS: Record<string, TriageForm> = {
  [CALLBACK.assignModal]: {
    fields: { assignee: TRIAGE_BLOCK.assignee },
    submit: (deps, requestId, actor, state) =>
      assignRequest(deps.services, {
        requestId,
        actor,
        assignee: blockValue(state, TRIAGE_BLOCK.assignee) ?? '',
      }),
  },
  [CALLBACK.deferModal]: {
    fields: { until: TRIAGE_BLOCK.until, reason: TRIAGE_BLOCK.reason },
    submit: (deps, requestId, actor, state) =>
      deferRequest(deps.services, {
        requestId,
        actor,
        until: blockValue(state, TRIAGE_BLOCK.until) ?? '',
        reason: blockValue(state, TRIAGE_BLOCK.reason) ?? '',
      }),
  },
  [CALLBACK.waitModal]: {
    fields: { on: TRIAGE_BLOCK.waitingOn, note: TRIAGE_BLOCK.note },
    submit: (deps, requestId, actor, state) =>
      waitOnRequest(deps.services, {
        requestId,
        actor,
        on: (blockValue(state, TRIAGE_BLOCK.waitingOn) ?? 'resources') as 'resources' | 'requester',
        note: blockValue(state, TRIAGE_BLOCK.note) ?? null,
      }),
  },
  [CALLBACK.cancelModal]: {
    fields: { reason: TRIAGE_BLOCK.reason },
    submit: (deps, requestId, actor, state) =>
      cancelRequest(deps.services, {
        requestId,
        actor,
        reason: blockValue(state, TRIAGE_BLOCK.reason) ?? null,
      }),
  },
  [CALLBACK.resolveModal]: {
    fields: { resolution: TRIAGE_BLOCK.resolution },
    submit: (deps, requestId, actor, state) =>
      resolveRequest(deps.services, {
        requestId,
        actor,
        resolution: blockValue(state, TRIAGE_BLOCK.resolution) ?? '',
      }),
  },
};

/**
 * The triage modals submitted: the service decides and persists, then the modal closes. Field
 * problems appear beside their inputs; a refusal (not in the team, already resolved) appears on
 * the modal's first input, so nothing is lost and nothing changes.
 */
export function registerTriageSubmissions(app: App, deps: ListenerDeps): void {
  for (const [callbackId, form] of Object.entries(FORMS)) {
    app.view(callbackId, async ({ body, ack }) => {
      const submission = viewSubmissionSchema.parse(body);
      const firstBlock = Object.values(form.fields)[0] ?? TRIAGE_BLOCK.note;
      const meta = metaSchema.safeParse(safeJson(submission.view.private_metadata));
      if (!meta.success) {
        await ack({
          response_action: 'errors',
          errors: { [firstBlock]: 'This form is out of date; close it and try again.' },
        });
        return;
      }
      try {
        await form.submit(deps, meta.data.requestId, actorOf(submission.user), submission.view.state);
        await ack();
      } catch (error) {
        if (isAppError(error, 'invalid_input')) {
          const fields = (error.details.fields ?? {}) as Record<string, string>;
          const errors: Record<string, string> = {};
          for (const [field, message] of Object.entries(fields))
            errors[form.fields[field] ?? firstBlock] ??= message;
          await ack({ response_action: 'errors', errors });
          return;
        }
        const message = explainError(error);
        if (message === null) deps.logger.error({ err: error }, 'triage action from Slack failed');
        await ack({
          response_action: 'errors',
          errors: { [firstBlock]: message ?? 'Sorry, that did not save. Please try again.' },
        });
      }
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

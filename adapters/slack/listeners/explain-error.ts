import { isAppError } from '../../../src/errors.js';
import { findPerson } from '../../../src/store/people.js';
import { escapeMrkdwn, personLabel } from '../blocks/mrkdwn.js';
import type { ListenerDeps } from './listener-deps.js';

/**
 * What to tell the person whose click a service refused, or null when the error is not one a
 * user should see (then it is logged and rethrown). "Already taken" names who has it.
 */
export async function explainError(deps: ListenerDeps, error: unknown, ref?: string): Promise<string | null> {
  if (!isAppError(error)) return null;
  if (error.code === 'already_taken') {
    const assigneeId = typeof error.details.assigneeId === 'string' ? error.details.assigneeId : null;
    const assignee = assigneeId ? await findPerson(deps.services.db, assigneeId) : null;
    const name = assignee ? personLabel(assignee) : 'Someone else';
    return `${name} already has ${ref ?? 'this request'}.`;
  }
  return escapeMrkdwn(error.userMessage);
}

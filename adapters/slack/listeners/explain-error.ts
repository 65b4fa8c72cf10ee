import { isAppError } from '../../../src/errors.js';
import { escapeMrkdwn } from '../blocks/mrkdwn.js';

/**
 * What to tell the person whose click a service refused, or null when the error is not one a
 * user should see (then it is logged and rethrown). The services word these for people ("Alex
 * already has FAC-1042."); names come from our data but are escaped all the same.
 */
export function explainError(error: unknown): string | null {
  if (!isAppError(error)) return null;
  return escapeMrkdwn(error.userMessage);
}

/**
 * The one error type for expected failures. `code` is stable (adapters map it to a friendly
 * message), `message` is for logs, `userMessage` is safe to show the person who acted.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly userMessage: string = message,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type AppErrorCode =
  | 'config_invalid'
  | 'invalid_input'
  | 'not_found'
  | 'invalid_transition'
  | 'not_authorized'
  | 'already_taken'
  | 'conflict'
  | 'survey_closed'
  | 'platform_error';

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

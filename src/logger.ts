import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear; message bodies and
 * user text are logged only at debug level by the code that logs them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gapdesk' },
      redact: {
        paths: [
          '*.token',
          '*.botToken',
          '*.signingSecret',
          '*.appPassword',
          '*.password',
          '*.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });

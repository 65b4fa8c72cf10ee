import { pino } from 'pino';

export type Logger = pino.Logger;

const CENSOR = '[redacted]';

/** Slack tokens by their shape: bot, user, app-level (Socket Mode) and configuration tokens. */
const SLACK_TOKEN = /\bxox[abposre]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;
/** The password of a URL with credentials (a PostgreSQL DATABASE_URL, a proxy URL). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*:)[^\s/@"]+@/gi;
/** Values shorter than this are not searched for: they would cut ordinary words out of lines. */
const MIN_SECRET_LENGTH = 8;

export type LoggerOptions = {
  /**
   * Values that must never reach a line (the configured tokens, secrets and passwords):
   * replaced wherever they appear in it, as written and as JSON or a URL would escape them.
   */
  secrets?: readonly string[];
};

/**
 * The last step of every line before it is written: the configured secrets, anything shaped
 * like a Slack token and the password of any URL with credentials become "[redacted]".
 * Redaction by key (below) is the rule; this catches a secret inside text nobody meant to log.
 */
export function secretScrubber(secrets: readonly string[] = []): (line: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  const values = [...forms].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(CENSOR);
    return out.replace(SLACK_TOKEN, CENSOR).replace(URL_PASSWORD, `$1${CENSOR}@`);
  };
}

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear, and by value as the
 * line is written (secretScrubber); no code logs a message body, and the libraries' own lines
 * come through src/library-log.ts, which withholds the bodies they quote.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  options: LoggerOptions = {},
): Logger {
  return pino(
    {
      level,
      base: { service: 'gapdesk' },
      redact: {
        paths: [
          '*.token',
          '*.botToken',
          '*.appToken',
          '*.signingSecret',
          '*.appPassword',
          '*.clientSecret',
          '*.client_secret',
          '*.password',
          '*.adminToken',
          '*.reportSecret',
          'databaseUrl',
          '*.databaseUrl',
          '*.authorization',
          '*.Authorization',
          'headers.authorization',
          '*.headers.authorization',
          '*.headers.Authorization',
        ],
        censor: CENSOR,
      },
      hooks: { streamWrite: secretScrubber(options.secrets) },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });

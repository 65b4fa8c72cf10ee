import type { Logger } from './logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
export type LibraryLog = Record<Level, (...args: unknown[]) => void>;

/** The longest library text a line keeps; the rest is cut (a library's own messages are short). */
const MAX_TEXT = 300;
/**
 * Where a library's text starts quoting data rather than saying what happened: JSON (`{`, `[`)
 * or a label such as `body:`, `(body: …)`, `result:`, `headers:`, `storedResponse:`. At debug
 * level Bolt and the Slack WebClient log whole request bodies, answers and headers this way
 * ("http request body: {…}", "ack() response sent (body: …)"), already made into text, where
 * pino's redaction by key cannot reach; from there on the text is not emitted.
 */
const QUOTED_DATA =
  /(\b(?:body|result|results|headers|payload|storedResponse|event|text|args|arguments)\b\s*[:=(]\s*)|[{[]/i;
/** Query strings of URLs in library text (a token or a signed link can ride in one). */
const URL_QUERY = /(\bhttps?:\/\/[^\s?#]+)[?#]\S*/gi;

/**
 * One line of a library's log (Bolt, the Slack WebClient, botbuilder's console output) as a
 * pino line: an Error goes in `err` (pino's serializer, where redaction by key applies), other
 * objects are not logged at all (they are bodies, answers and headers), and the text is cut
 * where it starts quoting data. So what a library says is kept (“apiCall('chat.postMessage')
 * start”, “http request failed”), never what it carried.
 */
export function libraryLine(args: readonly unknown[]): { fields: Record<string, unknown>; msg: string } {
  const words: string[] = [];
  let err: unknown;
  let withheld = false;
  for (const arg of args) {
    if (arg instanceof Error) {
      if (err === undefined) err = arg;
      else withheld = true;
    } else if (typeof arg === 'string') words.push(arg);
    else if (typeof arg === 'number' || typeof arg === 'boolean' || typeof arg === 'bigint') {
      words.push(String(arg));
    } else if (arg !== undefined && arg !== null) withheld = true;
  }
  let msg = words.join(' ').replace(URL_QUERY, '$1?…');
  const quoted = QUOTED_DATA.exec(msg);
  if (quoted) {
    // A label is kept ("http request body:"), what follows it is not.
    msg = msg.slice(0, quoted.index + (quoted[1]?.length ?? 0)).trimEnd();
    withheld = true;
  }
  if (msg.length > MAX_TEXT) {
    msg = msg.slice(0, MAX_TEXT);
    withheld = true;
  }
  if (withheld) msg = `${msg} [data withheld]`.trimStart();
  return { fields: err === undefined ? {} : { err }, msg };
}

/** A library-facing logger (debug/info/warn/error with any arguments) on a pino child logger. */
export function libraryLog(logger: Logger, component: string): LibraryLog {
  const log = logger.child({ component });
  const at =
    (level: Level) =>
    (...args: unknown[]) => {
      if (!log.isLevelEnabled(level)) return;
      const { fields, msg } = libraryLine(args);
      log[level](fields, msg);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const CONSOLE_METHODS = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  trace: 'debug',
  warn: 'warn',
  error: 'error',
} as const;

/**
 * Sends what libraries print with `console` through the logger, as library lines. botbuilder
 * has no logger to give it: it prints a failed turn or a refused token with console.error.
 * For the server only (main.ts), whose output is JSON lines; returns a function that puts
 * `console` back.
 */
export function routeConsole(logger: Logger, component = 'console'): () => void {
  const log = libraryLog(logger, component);
  const saved = { ...console };
  for (const [method, level] of Object.entries(CONSOLE_METHODS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = log[level];
  }
  return () => {
    for (const method of Object.keys(CONSOLE_METHODS)) {
      (console as unknown as Record<string, unknown>)[method] = saved[method as keyof typeof CONSOLE_METHODS];
    }
  };
}

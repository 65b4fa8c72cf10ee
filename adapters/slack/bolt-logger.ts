import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { libraryLog } from '../../src/library-log.js';
import type { Logger } from '../../src/logger.js';

const BOLT_LEVEL: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/**
 * Bolt's logger interface (@slack/logger's, also the one its WebClients log through) on our
 * pino logger, as library lines (src/library-log.ts): Bolt and the WebClient hand over text
 * they made themselves, bodies and answers included at debug level, so their errors go into
 * `err` and the text stops where it starts quoting data. The level is ours (LOG_LEVEL); Bolt
 * asking to change it changes nothing.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = libraryLog(logger, 'bolt');
  return {
    ...log,
    setLevel: () => undefined,
    getLevel: () => BOLT_LEVEL[logger.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

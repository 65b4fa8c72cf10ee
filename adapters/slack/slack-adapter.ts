import type { AdapterContext } from '../../src/app.js';
import type { SlackConfig } from '../../src/config.js';
import type { PlatformAdapter } from '../../src/ports.js';

/** Placeholder until the Slack adapter lands (issue 3). */
export function createSlackAdapter(_context: AdapterContext, _config: SlackConfig): PlatformAdapter {
  throw new Error('Slack adapter not implemented yet');
}

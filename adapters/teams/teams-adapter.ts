import type { AdapterContext } from '../../src/app.js';
import type { TeamsConfig } from '../../src/config.js';
import type { PlatformAdapter } from '../../src/ports.js';

/** Placeholder until the Teams adapter lands (issue 4). */
export function createTeamsAdapter(_context: AdapterContext, _config: TeamsConfig): PlatformAdapter {
  throw new Error('Teams adapter not implemented yet');
}

import { expect } from 'vitest';
import type { Actor } from '../../../src/domain/request.js';
import { isAppError } from '../../../src/errors.js';
import { fileRequest } from '../../../src/services/file-request.js';
import { resolveRequest } from '../../../src/services/resolve-request.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { takeRequest } from '../../../src/services/take-request.js';

export const requester: Actor = { platform: 'slack', userId: 'U0REQ', name: 'Robin' };
export const alex: Actor = { platform: 'slack', userId: 'U0ALEX', name: 'Alex' };
export const stranger: Actor = { platform: 'slack', userId: 'U0NOPE', name: 'Nope' };

/** Files a facilities request as `who`, has Alex take it and resolve it at the clock's time. */
export async function fileAndResolve(
  deps: ServiceDeps,
  who: Actor = requester,
  description = 'Room 2B is freezing',
) {
  const { request } = await fileRequest(deps, {
    teamId: 'facilities',
    requester: who,
    category: 'HVAC',
    location: 'HQ Floor 2',
    description,
    neededBy: { choice: 'today' },
    source: { platform: who.platform, entry: 'slash_command' },
  });
  await takeRequest(deps, { requestId: request.id, actor: alex });
  await resolveRequest(deps, { requestId: request.id, actor: alex, resolution: 'Reset the thermostat' });
  return request;
}

export async function expectAppError(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) && error.code).toBe(code);
  return error as Error;
}

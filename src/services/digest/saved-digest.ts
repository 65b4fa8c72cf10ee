import type { DigestData } from '../../domain/digest/digest-schema.js';
import { findSavedDigest } from '../../store/digest/digest-store.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * The digest as it was built and posted for a team-week (the digests table), or null. For
 * adapters that show it again later, e.g. the chart Teams fetches by URL.
 */
export function loadSavedDigest(
  deps: Pick<ServiceDeps, 'store'>,
  teamId: string,
  week: string,
): Promise<DigestData | null> {
  return findSavedDigest(deps.store, teamId, week);
}

import { DateTime } from 'luxon';
import type { ImportanceRole } from '../../domain/survey.js';
import { isTeamMember } from '../../domain/survey-plan.js';
import type { Team } from '../../domain/team.js';
import { type Store, transaction } from '../../store/database.js';
import { findIdempotentResult, recordIdempotentResult } from '../../store/idempotency.js';
import { listRecentRequesters } from '../../store/importance-polls.js';
import { upsertPerson } from '../../store/people.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { enqueueNextImportancePoll } from './schedule-importance-polls.js';

/** The invitation record: a vote is accepted only from someone asked, in the role asked. */
export function invitationKey(teamId: string, poll: string, personId: string): string {
  return `importance.invite:${teamId}:${poll}:${personId}`;
}

/** The role a person was asked in for a poll, or null if they were not asked. */
export async function invitedRole(
  store: Store,
  ask: { teamId: string; poll: string; personId: string },
): Promise<ImportanceRole | null> {
  return (await findIdempotentResult(
    store,
    invitationKey(ask.teamId, ask.poll, ask.personId),
  )) as ImportanceRole | null;
}

/**
 * Sends one period's importance poll for a team: to a random sample of the people who filed
 * requests with it in the last period (never its own members), and to its leads. Queues the
 * next period's poll in the same transaction. Returns how many were asked.
 */
export async function runImportancePoll(
  deps: ServiceDeps,
  input: { teamId: string; poll: string; random: () => number },
): Promise<{ requesters: number; leaders: number }> {
  const team = deps.teams.get(input.teamId);
  const now = deps.clock.now();
  const since = DateTime.fromJSDate(now).minus({ months: team.survey.importancePoll.everyMonths }).toJSDate();
  const result = await transaction(deps.store, async (tx) => {
    const leaders = await leaderIds(deps, tx, team);
    const candidates = (await listRecentRequesters(tx, team.id, since))
      .filter((requester) => deps.platforms.includes(requester.platform))
      .filter(
        (requester) => !isTeamMember(team, requester.platformUserId) && !leaders.includes(requester.personId),
      )
      .map((requester) => requester.personId)
      .sort();
    const sample = sampleOf(candidates, team.survey.importancePoll.sampleSize, input.random);
    let asked = { requesters: 0, leaders: 0 };
    for (const [personId, role] of [
      ...sample.map((id) => [id, 'requester'] as const),
      ...leaders.map((id) => [id, 'leader'] as const),
    ]) {
      if (await invite(deps, tx, { teamId: team.id, poll: input.poll, personId, role }, now)) {
        asked =
          role === 'leader'
            ? { ...asked, leaders: asked.leaders + 1 }
            : { ...asked, requesters: asked.requesters + 1 };
      }
    }
    await enqueueNextImportancePoll(deps, tx, team, now);
    return asked;
  });
  deps.onEnqueued?.();
  return result;
}

async function leaderIds(deps: ServiceDeps, tx: Store, team: Team): Promise<string[]> {
  const ids: string[] = [];
  for (const platform of deps.platforms) {
    const roster = platform === 'slack' ? team.slack : team.teams;
    for (const userId of roster?.leads ?? []) ids.push((await upsertPerson(tx, { platform, userId })).id);
  }
  return ids;
}

async function invite(
  deps: ServiceDeps,
  tx: Store,
  ask: { teamId: string; poll: string; personId: string; role: ImportanceRole },
  now: Date,
): Promise<boolean> {
  const key = invitationKey(ask.teamId, ask.poll, ask.personId);
  if ((await findIdempotentResult(tx, key)) !== null) return false;
  await recordIdempotentResult(tx, key, ask.role, now);
  await enqueueJob(deps, tx, 'importance.ask', ask, {
    idempotencyKey: `importance.ask:${ask.teamId}:${ask.poll}:${ask.personId}`,
  });
  return true;
}

/** Up to `size` items chosen uniformly without replacement (a partial Fisher–Yates shuffle). */
export function sampleOf<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.min(pool.length - i - 1, Math.floor(random() * (pool.length - i)));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

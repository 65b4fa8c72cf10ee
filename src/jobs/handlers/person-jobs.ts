import type { Platform } from '../../domain/request.js';
import type { PeopleDirectory } from '../../ports.js';
import { upsertPerson } from '../../store/people.js';
import type { Sql } from '../../store/sql.js';
import { jobPayloads } from '../job-kinds.js';
import { defineJob, type JobHandler } from '../worker.js';

export type PersonJobDeps = { sql: Sql; directories: Partial<Record<Platform, PeopleDirectory>> };

/** Fills in what a platform's payloads leave out of a person (Slack: the real name, the timezone). */
export function personJobHandlers(deps: PersonJobDeps): JobHandler[] {
  return [
    defineJob({
      kind: 'person.profile',
      schema: jobPayloads['person.profile'],
      run: async ({ platform, userId }) => {
        const profile = await deps.directories[platform]?.lookup(userId);
        if (!profile) return;
        await upsertPerson(deps.sql, { platform, userId, ...profile });
      },
    }),
  ];
}

import type { Platform } from '../../domain/request.js';
import type { PeopleDirectory } from '../../ports.js';
import type { Store } from '../../store/database.js';
import { upsertPerson } from '../../store/people.js';
import { jobPayloads } from '../job-kinds.js';
import { defineJob, type JobHandler } from '../worker.js';

export type PersonJobDeps = { store: Store; directories: Partial<Record<Platform, PeopleDirectory>> };

/** Fills in what a platform's payloads leave out of a person (Slack: the real name, the timezone). */
export function personJobHandlers(deps: PersonJobDeps): JobHandler[] {
  return [
    defineJob({
      kind: 'person.profile',
      schema: jobPayloads['person.profile'],
      run: async ({ platform, userId }) => {
        const profile = await deps.directories[platform]?.lookup(userId);
        if (!profile) return;
        await upsertPerson(deps.store, { platform, userId, ...profile });
      },
    }),
  ];
}

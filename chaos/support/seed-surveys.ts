import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REF_KEY } from '../../adapters/teams/ids.js';
import { DIMENSIONS } from '../../src/domain/dimensions.js';
import type { Platform } from '../../src/domain/request.js';
import { isoWeekKey } from '../../src/domain/survey-plan.js';
import { gapdeskConfigSchema, resolveTeams } from '../../src/domain/team.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { BOT, TENANT_ID } from '../../src/sandbox/teams-activities.js';
import { openDatabase, transaction } from '../../src/store/database.js';
import { StoredConversationRefs } from '../../src/store/message-refs.js';
import { applyMigrations } from '../../src/store/migrate.js';
import { upsertPerson } from '../../src/store/people.js';
import { insertRequest } from '../../src/store/requests.js';
import { insertSurvey } from '../../src/store/surveys.js';
import { syncTeams } from '../../src/store/teams.js';
import type { Sandbox } from './gapdesk-process.js';

/** One survey owed: who gets it, where, and the id its buttons carry. */
export type SeededSurvey = { surveyId: string; ref: string; platform: Platform; userId: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Resolved requests with their surveys scheduled and due now, written through gapdesk's store
 * functions before gapdesk starts (the survey.send jobs a day of resolutions would leave, all
 * due at once); delivering them is gapdesk's own path. Teams people get the 1:1 chat gapdesk
 * would have remembered from their first message.
 */
export async function seedDueSurveys(
  sandbox: Sandbox,
  surveys: readonly Omit<SeededSurvey, 'surveyId' | 'ref'>[],
  connectorUrl: string,
): Promise<SeededSurvey[]> {
  await applyMigrations(sandbox.databaseUrl);
  const config = gapdeskConfigSchema.parse(
    parse(readFileSync(sandbox.env.GAPDESK_CONFIG ?? '', 'utf8')) as unknown,
  );
  const teams = resolveTeams(config);
  const team = teams[0];
  if (!team) throw new Error('no team in the sandbox config');
  const database = await openDatabase(sandbox.databaseUrl);
  const queue = new JobQueue(database.store, database.provider, 14);
  const refs = new StoredConversationRefs(database.store);
  const now = new Date();
  const resolvedAt = new Date(now.getTime() - 2 * 60 * 60 * 1000);
  const seeded: SeededSurvey[] = [];
  try {
    await syncTeams(database.store, teams);
    await transaction(database.store, async (tx) => {
      for (const [i, survey] of surveys.entries()) {
        const person = await upsertPerson(tx, {
          platform: survey.platform,
          userId: survey.userId,
          name: `Person ${survey.userId}`,
          timezone: 'Europe/London',
        });
        const ref = `${team.prefix}-${100_000 + i}`;
        const request = await insertRequest(tx, {
          id: `chaos-request-${i}`,
          ref,
          teamId: team.id,
          requesterId: person.id,
          category: 'HVAC',
          priority: 'normal',
          description: `rate-limit survey ${i}`,
          neededByChoice: 'today',
          status: 'resolved',
          sourcePlatform: survey.platform,
          sourceEntry: survey.platform === 'slack' ? 'slash_command' : 'teams_chat',
          filedAt: new Date(resolvedAt.getTime() - 60 * 60 * 1000),
          resolvedAt,
        });
        const surveyId = `chaos-survey-${i}`;
        await insertSurvey(tx, {
          id: surveyId,
          requestId: request.id,
          round: 0,
          teamId: team.id,
          requesterId: person.id,
          week: isoWeekKey(resolvedAt, team.timezone),
          status: 'scheduled',
          scheduledFor: now,
          expiresAt: new Date(now.getTime() + 3 * DAY_MS),
          dimension: DIMENSIONS[i % DIMENSIONS.length] ?? 'reliability',
        });
        await queue.enqueue(
          tx,
          {
            kind: 'survey.send',
            payload: { surveyId, resolvedAt: resolvedAt.toISOString() },
            idempotencyKey: `survey.send:${request.id}:0`,
            dueAt: now,
          },
          now,
        );
        seeded.push({ ...survey, surveyId, ref });
      }
    });
    for (const userId of new Set(surveys.filter((s) => s.platform === 'teams').map((s) => s.userId))) {
      await refs.save('teams', REF_KEY.user(userId), {
        serviceUrl: connectorUrl,
        tenantId: TENANT_ID,
        botId: BOT.id,
        botName: BOT.name,
        conversationId: `a:1personal-${userId}`,
      });
    }
    return seeded;
  } finally {
    await database.close();
  }
}

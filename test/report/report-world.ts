import type { Actor } from '../../src/domain/request.js';
import { buildWeeklyDigest } from '../../src/services/build-weekly-digest.js';
import { deferRequest } from '../../src/services/defer-request.js';
import { fileRequest } from '../../src/services/file-request.js';
import { resolveRequest } from '../../src/services/resolve-request.js';
import { recordComment } from '../../src/services/survey/record-comment.js';
import { recordSurveyAnswer } from '../../src/services/survey/record-survey-answer.js';
import { takeRequest } from '../../src/services/take-request.js';
import { openDatabase } from '../../src/store/database.js';
import { saveDigestOnce } from '../../src/store/digest/digest-store.js';
import { surveyHarness } from '../support/survey-harness.js';

/** What a request description and a survey comment say: markup and a Slack mention, which must stay text. */
export const HOSTILE_DESCRIPTION = 'Heater <script>alert("description")</script> <!channel> broken';
export const HOSTILE_COMMENT = 'Still cold <script>alert("comment")</script> <!channel> =1+1';
/** A comment a spreadsheet would run as a formula unless the CSV neutralises it. */
export const FORMULA_COMMENT = '=HYPERLINK("http://evil.example","click")';
export const REPORT_WEEK = '2026-W47';
export const PREVIOUS_WEEK = '2026-W46';
/** The Monday after REPORT_WEEK, when its digest is posted. */
export const REPORT_NOW = '2026-11-23T09:30:00Z';

const alex: Actor = { platform: 'slack', userId: 'U0ALEX', name: 'Alex' };
const MINUTE = 60_000;

type Plan = {
  lateAck: boolean;
  open: boolean;
  score: number;
  comment?: string;
  description?: string;
  /** Taken, then deferred to this date with a reason (stays open). */
  deferUntil?: string;
};

/** The reason given for a deferral: markup again, which the timeline must show as text. */
export const HOSTILE_REASON = 'Waiting for <b>parts</b> <!here>';

/**
 * Two weeks of facilities requests (W46 good, W47 worse), filed, taken, resolved and surveyed
 * through the real services and job worker, then both weeks' digests built and saved as when
 * posted. London is UTC in November, so the times below are local too.
 */
export async function seedReportWorld(databaseUrl: string): Promise<void> {
  const database = await openDatabase(databaseUrl);
  const h = await surveyHarness(database, '2026-11-09T08:00:00Z');
  const at = (iso: string) => {
    const target = new Date(iso).getTime();
    if (target > h.clock.now().getTime()) h.clock.set(new Date(target));
  };
  let person = 0;
  const handle = async (startIso: string, plan: Plan) => {
    at(startIso);
    const start = h.clock.now().getTime();
    person++;
    const requester: Actor = { platform: 'slack', userId: `U0REQ${person}`, name: `Requester ${person}` };
    const { request } = await fileRequest(h.deps, {
      teamId: 'facilities',
      requester,
      category: person % 2 ? 'HVAC' : 'Cleaning',
      location: person % 3 ? 'HQ Floor 1' : 'Warehouse',
      description: plan.description ?? `Request number ${person}`,
      neededBy: { choice: person % 4 === 0 ? 'within_hour' : 'this_week' },
      source: { platform: 'slack', entry: 'slash_command' },
    });
    await h.worker.drain();
    if (plan.deferUntil) {
      at(new Date(start + 10 * MINUTE).toISOString());
      await takeRequest(h.deps, { requestId: request.id, actor: alex });
      await deferRequest(h.deps, {
        requestId: request.id,
        actor: alex,
        until: plan.deferUntil,
        reason: HOSTILE_REASON,
      });
      await h.worker.drain();
    }
    if (plan.open) return;
    at(new Date(start + (plan.lateAck ? 270 : 10) * MINUTE).toISOString());
    await takeRequest(h.deps, { requestId: request.id, actor: alex });
    at(new Date(h.clock.now().getTime() + 30 * MINUTE).toISOString());
    await resolveRequest(h.deps, { requestId: request.id, actor: alex, resolution: 'Fixed it' });
    at(new Date(h.clock.now().getTime() + 65 * MINUTE).toISOString());
    h.surveys.length = 0;
    await h.worker.drain();
    const sent = h.surveys.find((d) => d.kind === 'survey');
    if (sent?.kind !== 'survey') return;
    at(new Date(h.clock.now().getTime() + 5 * MINUTE).toISOString());
    await recordSurveyAnswer(h.deps, { surveyId: sent.view.surveyId, actor: requester, score: plan.score });
    if (plan.comment) {
      await recordComment(h.deps, { surveyId: sent.view.surveyId, actor: requester, comment: plan.comment });
    }
    await h.worker.drain();
  };
  const week = async (monday: string, plans: Plan[]) => {
    for (const [i, plan] of plans.entries()) {
      const day = new Date(`${monday}T00:00:00Z`).getTime() + Math.floor(i / 2) * 86_400_000;
      const slot = i % 2 === 0 ? '09:00' : '15:30';
      await handle(`${new Date(day).toISOString().slice(0, 10)}T${slot}:00Z`, plan);
    }
  };
  const good = (score: number): Plan => ({ lateAck: false, open: false, score });
  await week('2026-11-09', [
    good(1),
    good(0),
    good(1),
    good(2),
    good(0),
    good(1),
    good(0),
    good(1),
    good(1),
    good(0),
  ]);
  await week('2026-11-16', [
    { lateAck: true, open: false, score: -2, comment: HOSTILE_COMMENT, description: HOSTILE_DESCRIPTION },
    good(-1),
    { lateAck: true, open: false, score: -1, comment: FORMULA_COMMENT },
    good(0),
    { lateAck: true, open: false, score: -2 },
    good(-1),
    good(0),
    good(1),
    good(-1),
    { lateAck: false, open: true, score: 0, deferUntil: '2026-11-25' },
  ]);
  at(REPORT_NOW);
  for (const w of [PREVIOUS_WEEK, REPORT_WEEK]) {
    await saveDigestOnce(database.store, await buildWeeklyDigest(h.deps, { teamId: 'facilities', week: w }));
  }
  await database.close();
}

import { DateTime } from 'luxon';
import { ManualClock } from '../../clock.js';
import { addBusinessTime, calendarForTeam } from '../../domain/business-calendar.js';
import type { Shortfall } from '../../domain/dimensions.js';
import type { Logger } from '../../logger.js';
import { findRequestByRef } from '../../services/list-requests.js';
import { DEMO_STAFF, type DemoPerson, demoEmployees } from './cast.js';
import { fileAsPlanned, triage } from './demo-actions.js';
import { type ArrivedSurvey, SurveyInbox } from './demo-surveys.js';
import { seededRandom } from './random.js';
import { createSandboxWorld, type SandboxWorld } from './sandbox-world.js';
import { type PlannedRequest, planWeek, surveyScore } from './week-plan.js';

/** The simulated week: ISO week 2026-W47 in London, fixed so a seed always gives the same week. */
export const DEMO_WEEK_START = DateTime.fromISO('2026-11-16T00:00:00', { zone: 'Europe/London' });
const MINUTE = 60_000;

type Agendum = { at: number; seq: number; label: string; run: () => Promise<void> };

export type WeekStats = {
  filed: number;
  byEntry: Record<string, number>;
  actions: number;
  surveysAnswered: number;
  notFixed: number;
};

/** Runs a seeded week through the real adapters and leaves the world open for the digest. */
export async function simulateWeek(options: {
  seed: number;
  outDir: string;
  logger: Logger;
  requests?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}): Promise<{ world: SandboxWorld; clock: ManualClock; stats: WeekStats }> {
  const random = seededRandom(options.seed);
  const clock = new ManualClock(DEMO_WEEK_START.plus({ hours: 7 }).toJSDate());
  const world = await createSandboxWorld({
    outDir: options.outDir,
    clock,
    logger: options.logger,
    random: random.next,
  });
  const team = world.app.deps.teams.get('facilities');
  const calendar = calendarForTeam(team);
  const plans = planWeek(random, DEMO_WEEK_START, options.requests ?? 150);
  const people = new Map<string, DemoPerson>([...demoEmployees(), ...DEMO_STAFF].map((p) => [p.userId, p]));
  const inbox = new SurveyInbox(world, people);
  const planOf = new Map<string, PlannedRequest>();
  const stats: WeekStats = { filed: 0, byEntry: {}, actions: 0, surveysAnswered: 0, notFixed: 0 };
  const agenda: Agendum[] = [];
  let seq = 0;
  const schedule = (at: Date, label: string, run: () => Promise<void>) =>
    agenda.push({ at: Math.max(at.getTime(), clock.now().getTime()), seq: seq++, label, run });
  const afterWork = (from: Date, minutes: number) => addBusinessTime(calendar, from, minutes);

  const handle = (plan: PlannedRequest, ref: string, filedAt: Date) => {
    const act = (at: Date, label: string, step: Parameters<typeof triage>[3]) =>
      schedule(at, `${label} ${ref}`, async () => {
        await triage(world, plan.handler, ref, step);
        stats.actions++;
      });
    const takenAt = afterWork(filedAt, plan.ackDelayMinutes);
    act(takenAt, 'take', { kind: 'take' });
    let resolveFrom = afterWork(takenAt, 10);
    if (plan.handling === 'deferred') {
      const until = DateTime.fromJSDate(afterWork(takenAt, 600 * random.int(2, 4)), { zone: team.timezone });
      act(afterWork(takenAt, 5), 'defer', {
        kind: 'defer',
        until,
        reason: random.pick([
          'Waiting for a part from the supplier',
          'Contractor booked for later in the week',
          'Needs the room empty',
        ]),
      });
      resolveFrom = until.minus({ hours: random.int(1, 30) }).toJSDate();
    } else if (plan.handling === 'waiting_resources' || plan.handling === 'waiting_requester') {
      const on = plan.handling === 'waiting_resources' ? 'resources' : 'requester';
      act(afterWork(takenAt, 15), 'wait', {
        kind: 'wait',
        on,
        note: on === 'resources' ? 'Parts on order' : 'Which desk exactly?',
      });
      resolveFrom = afterWork(takenAt, on === 'resources' ? random.int(300, 1_200) : random.int(60, 240));
    }
    act(afterWork(resolveFrom, plan.workMinutes), 'resolve', {
      kind: 'resolve',
      resolution: plan.resolution,
    });
  };

  for (const plan of plans) {
    schedule(plan.filedAt, `file #${plan.n} (${plan.entry})`, async () => {
      const request = await fileAsPlanned(world, plan);
      planOf.set(request.ref, plan);
      stats.filed++;
      stats.byEntry[plan.entry] = (stats.byEntry[plan.entry] ?? 0) + 1;
      handle(plan, request.ref, request.filedAt);
    });
  }
  // A tick every half hour lets delayed jobs (survey sends, reminders, SLA alerts) fall due.
  const weekEnd = DEMO_WEEK_START.plus({ days: 7 }).toJSDate();
  for (let at = clock.now().getTime(); at < weekEnd.getTime(); at += 30 * MINUTE)
    schedule(new Date(at), 'tick', async () => {});

  const answerSurvey = (survey: ArrivedSurvey) => {
    const plan = planOf.get(survey.ref);
    if (!plan?.answersSurvey) return;
    schedule(
      new Date(clock.now().getTime() + random.int(5, 240) * MINUTE),
      `survey ${survey.ref}`,
      async () => {
        const request = await findRequestByRef(world.app.deps, survey.ref);
        const breached = Boolean(
          request?.acknowledgedAt && request.slaAckDueAt && request.acknowledgedAt > request.slaAckDueAt,
        );
        if (plan.saysNotFixed && (request?.reopenCount ?? 0) === 0) {
          await survey.answer({ notFixed: true });
          stats.notFixed++;
          schedule(afterWork(clock.now(), random.int(60, 480)), `re-resolve ${survey.ref}`, () =>
            triage(world, plan.handler, survey.ref, {
              kind: 'resolve',
              resolution: `${plan.resolution}; checked again on site`,
            }),
          );
        } else {
          const score = surveyScore(plan.mood, survey.dimension, breached);
          const shortfall: Shortfall | undefined =
            score < 0
              ? survey.dimension === 'responsiveness'
                ? 'response'
                : ['assurance', 'empathy'].includes(survey.dimension)
                  ? 'respect'
                  : 'resources'
              : undefined;
          const comment = score <= -1 && random.chance(0.35) ? random.pick(COMMENTS) : undefined;
          await survey.answer({
            score,
            ...(shortfall ? { shortfall } : {}),
            ...(comment ? { comment } : {}),
          });
        }
        stats.surveysAnswered++;
      },
    );
  };

  let done = 0;
  const total = () => agenda.length + done;
  while (agenda.length > 0) {
    agenda.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = agenda.shift() as Agendum;
    if (next.at > clock.now().getTime()) clock.set(new Date(next.at));
    await world.app.worker.drain();
    await next.run();
    await world.app.worker.drain();
    for (const survey of inbox.collect()) answerSurvey(survey);
    done++;
    if (next.label !== 'tick' || done % 20 === 0)
      options.onProgress?.(
        done,
        total(),
        `${DateTime.fromJSDate(clock.now(), { zone: team.timezone }).toFormat('ccc HH:mm')} ${next.label}`,
      );
  }
  return { world, clock, stats };
}

const COMMENTS = [
  'Took two days before anyone even replied.',
  'Nobody told me it was waiting on parts.',
  'The engineer was great, but I had to chase twice.',
  'Fixed, but the mess was left behind.',
  'Felt like my request went into a black hole.',
] as const;

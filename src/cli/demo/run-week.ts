import { DateTime } from 'luxon';
import { ManualClock } from '../../clock.js';
import { addBusinessTime, calendarForTeam } from '../../domain/business-calendar.js';
import type { Shortfall } from '../../domain/dimensions.js';
import type { Logger } from '../../logger.js';
import { findRequestByRef } from '../../services/list-requests.js';
import { DEMO_STAFF, type DemoPerson, demoEmployees } from './cast.js';
import { fileAsPlanned, triage } from './demo-actions.js';
import { type ArrivedSurvey, SurveyInbox } from './demo-surveys.js';
import type { DemoWeek } from './demo-weeks.js';
import { seededRandom } from './random.js';
import { createSandboxWorld, type SandboxWorld } from './sandbox-world.js';
import { TriageCards } from './triage-cards.js';
import { type PlannedRequest, planWeek, surveyScore } from './week-plan.js';

const MINUTE = 60_000;

type Agendum = { at: number; seq: number; label: string; run: () => Promise<void> };

export type WeekStats = {
  week: string;
  filed: number;
  byEntry: Record<string, number>;
  actions: number;
  surveysAnswered: number;
  notFixed: number;
};

/**
 * Runs seeded weeks through the real adapters, one after the other on one clock, and posts each
 * week's digest on the Monday after it at 09:00, as the schedule does. Stops when the last
 * week's digest is out (what is still open then stays open), leaving the world open.
 */
export async function simulateWeeks(options: {
  seed: number;
  outDir: string;
  logger: Logger;
  weeks: DemoWeek[];
  onProgress?: (done: number, total: number, label: string) => void;
}): Promise<{ world: SandboxWorld; clock: ManualClock; stats: WeekStats[] }> {
  const first = options.weeks[0];
  const last = options.weeks.at(-1);
  if (!first || !last) throw new Error('the demo needs at least one week');
  const random = seededRandom(options.seed);
  const clock = new ManualClock(first.start.plus({ hours: 7 }).toJSDate());
  const world = await createSandboxWorld({
    outDir: options.outDir,
    clock,
    logger: options.logger,
    random: random.next,
  });
  const team = world.app.deps.teams.get('facilities');
  const calendar = calendarForTeam(team);
  const people = new Map<string, DemoPerson>([...demoEmployees(), ...DEMO_STAFF].map((p) => [p.userId, p]));
  const inbox = new SurveyInbox(world, people);
  const cards = new TriageCards(world);
  const planOf = new Map<string, { plan: PlannedRequest; week: DemoWeek; stats: WeekStats }>();
  const allStats: WeekStats[] = [];
  const agenda: Agendum[] = [];
  let seq = 0;
  const schedule = (at: Date, label: string, run: () => Promise<void>) =>
    agenda.push({ at: Math.max(at.getTime(), clock.now().getTime()), seq: seq++, label, run });
  const afterWork = (from: Date, minutes: number) => addBusinessTime(calendar, from, minutes);

  const handle = (plan: PlannedRequest, stats: WeekStats, ref: string, filedAt: Date) => {
    const act = (at: Date, label: string, step: Parameters<typeof triage>[4]) =>
      schedule(at, `${label} ${ref}`, async () => {
        await triage(world, cards, plan.handler, ref, step);
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

  let firstN = 0;
  for (const week of options.weeks) {
    const stats: WeekStats = {
      week: week.week,
      filed: 0,
      byEntry: {},
      actions: 0,
      surveysAnswered: 0,
      notFixed: 0,
    };
    allStats.push(stats);
    const plans = planWeek(random, week.start, week.requests, {
      ackDelayMu: week.ackDelayMu,
      answerRate: week.answerRate,
      firstN,
    });
    firstN += week.requests;
    for (const plan of plans) {
      schedule(plan.filedAt, `file #${plan.n} (${plan.entry})`, async () => {
        const request = await fileAsPlanned(world, plan);
        planOf.set(request.ref, { plan, week, stats });
        stats.filed++;
        stats.byEntry[plan.entry] = (stats.byEntry[plan.entry] ?? 0) + 1;
        handle(plan, stats, request.ref, request.filedAt);
      });
    }
    // Monday 09:00, as scheduled: the week's digest goes to the leaders' channels.
    schedule(week.start.plus({ days: 7, hours: 9 }).toJSDate(), `digest ${week.week}`, async () => {
      await world.app.digestScheduler.enqueueDue();
    });
  }
  const end = last.start.plus({ days: 7, hours: 9 }).toJSDate().getTime();
  // A tick every half hour of the working day lets delayed jobs (survey sends, reminders, SLA
  // alerts) fall due; what falls due at night waits for the morning's first tick. Ticking
  // through nights and weekends too cost a third of the run over eight weeks.
  for (let at = clock.now().getTime(); at < end; at += 30 * MINUTE) {
    const local = DateTime.fromMillis(at, { zone: team.timezone });
    if (local.weekday <= 5 && local.hour >= 7 && local.hour < 20)
      schedule(new Date(at), 'tick', async () => {});
  }

  const answerSurvey = (survey: ArrivedSurvey) => {
    const planned = planOf.get(survey.ref);
    if (!planned?.plan.answersSurvey) return;
    const { plan, week, stats } = planned;
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
            triage(world, cards, plan.handler, survey.ref, {
              kind: 'resolve',
              resolution: `${plan.resolution}; checked again on site`,
            }),
          );
        } else {
          const score = surveyScore(plan.mood, survey.dimension, breached, week.bias);
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
    // The last digest is out: what would happen after it is not part of the demo.
    if (next.at > end) break;
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
        `${DateTime.fromJSDate(clock.now(), { zone: team.timezone }).toFormat('dd LLL HH:mm')} ${next.label}`,
      );
  }
  return { world, clock, stats: allStats };
}

const COMMENTS = [
  'Took two days before anyone even replied.',
  'Nobody told me it was waiting on parts.',
  'The engineer was great, but I had to chase twice.',
  'Fixed, but the mess was left behind.',
  'Felt like my request went into a black hole.',
] as const;

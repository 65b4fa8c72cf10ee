import type { DateTime } from 'luxon';
import type { Dimension } from '../../domain/dimensions.js';
import type { NeededByChoice, SourceEntry } from '../../domain/request.js';
import { DEMO_STAFF, type DemoPerson, demoEmployees } from './cast.js';
import type { Random } from './random.js';

export type Handling = 'straight' | 'deferred' | 'waiting_resources' | 'waiting_requester';

export type PlannedRequest = {
  n: number;
  filedAt: Date;
  requester: DemoPerson;
  entry: SourceEntry;
  category: string;
  location: string;
  description: string;
  neededBy: NeededByChoice;
  /** Who on the team picks it up, after how many minutes of working time, and what happens next. */
  handler: DemoPerson;
  ackDelayMinutes: number;
  handling: Handling;
  workMinutes: number;
  resolution: string;
  /** How the requester will feel, drawn up front so the run is repeatable. */
  mood: number;
  answersSurvey: boolean;
  saysNotFixed: boolean;
};

const CATEGORY_TEXT: Record<string, readonly string[]> = {
  HVAC: [
    'Meeting room {room} is freezing',
    'Air con dripping onto desks near {room}',
    'It is far too warm in {room}',
  ],
  Cleaning: [
    'Coffee spilled on the carpet by {room}',
    'Bins overflowing in the {floor} kitchen',
    'Toilets on {floor} need attention',
  ],
  Electrical: [
    'Light flickering above the desks by {room}',
    'Power socket dead in {room}',
    'Projector in {room} will not power on',
  ],
  Plumbing: [
    'Tap leaking in the {floor} kitchen',
    'Toilet keeps running on {floor}',
    'No hot water in the {floor} kitchen',
  ],
  Furniture: [
    'Chair broken at my desk near {room}',
    'Need a monitor arm for my desk by {room}',
    'Wobbly table in {room}',
  ],
  Access: [
    'Badge does not open the {floor} door',
    'Need access to the store room on {floor}',
    'Car park barrier will not lift',
  ],
  Other: [
    'Parcel locker jammed on {floor}',
    'Whiteboard in {room} needs new pens',
    'Noticeboard fell off the wall on {floor}',
  ],
};

const RESOLUTIONS: Record<string, readonly string[]> = {
  HVAC: ['Rebalanced the valve and reset the thermostat', 'Replaced the condensate pump'],
  Cleaning: ['Cleaned and treated the carpet', 'Cleaners sent; rota adjusted for the floor'],
  Electrical: ['Replaced the fitting', 'Reset the breaker and replaced the socket'],
  Plumbing: ['Replaced the washer', 'Adjusted the cistern float valve'],
  Furniture: ['Replaced the chair', 'Fitted a monitor arm'],
  Access: ['Badge re-encoded and door controller updated', 'Access granted and logged'],
  Other: ['Sorted on site', 'Supplied and fitted'],
};

/** Arrivals per working hour (08–17): a morning peak, a post-lunch bump, a quiet late afternoon. */
const HOURLY_WEIGHTS: readonly (readonly [number, number])[] = [
  [8, 8],
  [9, 16],
  [10, 14],
  [11, 11],
  [12, 6],
  [13, 9],
  [14, 12],
  [15, 9],
  [16, 6],
  [17, 3],
];
/** Monday carries the weekend's backlog; Friday is light. */
const DAY_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 28],
  [1, 22],
  [2, 20],
  [3, 18],
  [4, 12],
];

const ENTRIES_SLACK: readonly (readonly [SourceEntry, number])[] = [
  ['slash_command', 45],
  ['global_shortcut', 15],
  ['message_shortcut', 15],
  ['reaction', 15],
  ['direct_message', 10],
];
const ENTRIES_TEAMS: readonly (readonly [SourceEntry, number])[] = [
  ['teams_chat', 70],
  ['teams_message_extension', 30],
];

/** What sets one week apart from another (see demo-weeks.ts). */
export type WeekTune = {
  /** Mean of log(minutes to acknowledge). */
  ackDelayMu: number;
  answerRate: number;
  /** The number of the week's first request, so numbers stay unique across weeks. */
  firstN: number;
};
const DEFAULT_TUNE: WeekTune = { ackDelayMu: 3.6, answerRate: 0.62, firstN: 0 };

/** A realistic week of facilities requests, starting on the Monday `weekStart` (team timezone). */
export function planWeek(
  random: Random,
  weekStart: DateTime,
  count = 150,
  tune: WeekTune = DEFAULT_TUNE,
): PlannedRequest[] {
  const employees = demoEmployees();
  const plans: PlannedRequest[] = [];
  for (let n = tune.firstN; n < tune.firstN + count; n++) {
    const day = random.weighted(DAY_WEIGHTS);
    const hour = random.weighted(HOURLY_WEIGHTS);
    const filedAt = weekStart.plus({ days: day, hours: hour, minutes: random.int(0, 59) }).toJSDate();
    const requester = random.pick(employees);
    const category = random.weighted([
      ['HVAC', 22],
      ['Cleaning', 20],
      ['Electrical', 14],
      ['Plumbing', 12],
      ['Furniture', 14],
      ['Access', 12],
      ['Other', 6],
    ] as const);
    const room = `${random.int(1, 3)}${random.pick(['A', 'B', 'C'])}`;
    const floor = random.pick(['first floor', 'second floor', 'third floor']);
    const description = random
      .pick(CATEGORY_TEXT[category] ?? ['Something needs fixing'])
      .replace('{room}', room)
      .replace('{floor}', floor);
    const neededBy = random.weighted([
      ['within_hour', 8],
      ['today', 30],
      ['this_week', 40],
      ['no_rush', 22],
    ] as const);
    const handling = random.weighted([
      ['straight', 70],
      ['deferred', 12],
      ['waiting_resources', 13],
      ['waiting_requester', 5],
    ] as const);
    // Responsiveness is this team's weak spot: acknowledgement often lags, sometimes badly.
    const ackDelayMinutes = Math.max(2, Math.round(Math.exp(random.normal(tune.ackDelayMu, 0.9))));
    plans.push({
      n,
      filedAt,
      requester,
      entry: random.weighted(requester.platform === 'slack' ? ENTRIES_SLACK : ENTRIES_TEAMS),
      category,
      location: random.pick(['HQ Floor 1', 'HQ Floor 2', 'HQ Floor 3', 'Warehouse', 'Car park']),
      description: n === 7 ? `${description} <!channel> **urgent** <b>please</b>` : description,
      neededBy,
      handler: random.weighted(DEMO_STAFF.map((person, i) => [person, i === 3 ? 1 : 3] as const)),
      ackDelayMinutes,
      handling,
      workMinutes: Math.round(Math.exp(random.normal(4.6, 0.8))),
      resolution: random.pick(RESOLUTIONS[category] ?? ['Done']),
      mood: random.normal(0, 1),
      answersSurvey: random.chance(tune.answerRate),
      saysNotFixed: random.chance(0.1),
    });
  }
  return plans.sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime());
}

/** How a requester answers "compared with what you expected": some dimensions run weaker. */
export const DIMENSION_BIAS: Readonly<Record<Dimension, number>> = {
  reliability: 0.3,
  responsiveness: -0.7,
  assurance: 0.4,
  empathy: -0.2,
  tangibles: 0.5,
};

export function surveyScore(
  mood: number,
  dimension: Dimension,
  breached: boolean,
  bias: Readonly<Record<Dimension, number>> = DIMENSION_BIAS,
): number {
  const raw = mood * 0.9 + bias[dimension] - (breached ? 0.8 : 0);
  return Math.max(-2, Math.min(2, Math.round(raw)));
}

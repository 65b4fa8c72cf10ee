import type { Platform } from '../../domain/request.js';

/** The sandbox workspace's people: forty employees and the facilities team. */
export type DemoPerson = { name: string; platform: Platform; userId: string; timezone: string };

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hugo',
  'Isla',
  'Jack',
  'Kiara',
  'Leo',
  'Maya',
  'Noah',
  'Olivia',
  'Omar',
  'Pia',
  'Quinn',
  'Ravi',
  'Sofia',
];
const LAST = ['Patel', 'Smith', 'Nowak', 'Okafor', 'Garcia', 'Chen', 'Murphy', 'Jones'];

/** 40 employees: 28 on Slack, 12 on Teams; a few work from other timezones. */
export function demoEmployees(): DemoPerson[] {
  return Array.from({ length: 40 }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`;
    const onSlack = i % 10 < 7;
    const timezone = i % 13 === 5 ? 'America/New_York' : i % 17 === 3 ? 'Europe/Berlin' : 'Europe/London';
    return onSlack
      ? { name, platform: 'slack', userId: `U0E${String(i).padStart(3, '0')}`, timezone }
      : { name, platform: 'teams', userId: `aad-employee-${i}`, timezone };
  });
}

/** The facilities team: three on Slack (Sam leads), one on Teams (Jordan leads there). */
export const DEMO_STAFF: readonly DemoPerson[] = [
  { name: 'Alex Morgan', platform: 'slack', userId: 'U0ALEX', timezone: 'Europe/London' },
  { name: 'Sam Reid', platform: 'slack', userId: 'U0SAM', timezone: 'Europe/London' },
  { name: 'Priya Shah', platform: 'slack', userId: 'U0PRIYA', timezone: 'Europe/London' },
  { name: 'Jordan Lee', platform: 'teams', userId: 'aad-jordan', timezone: 'Europe/London' },
];

/** The committed example config's facilities team, with the sandbox's channels and people. */
export const DEMO_CONFIG_YAML = `
timezone: Europe/London
teams:
  - id: facilities
    name: Facilities
    prefix: FAC
    timezone: Europe/London
    businessHours: { days: [mon, tue, wed, thu, fri], start: "08:00", end: "18:00" }
    categories: [HVAC, Cleaning, Electrical, Plumbing, Furniture, Access, Other]
    locations: [HQ Floor 1, HQ Floor 2, HQ Floor 3, Warehouse, Car park]
    sla:
      urgent: { acknowledge: 15m, resolve: 4h }
      high:   { acknowledge: 1h,  resolve: 1d }
      normal: { acknowledge: 4h,  resolve: 3d }
      low:    { acknowledge: 1d,  resolve: 10d }
    slack: { triageChannel: C0FACILITY, members: [U0ALEX, U0SAM, U0PRIYA], leads: [U0SAM] }
    teams: { triageChannel: "19:facilities@thread.tacv2", members: [aad-jordan], leads: [aad-jordan] }
    survey: { delay: 1h, reminderAfter: 24h, expireAfter: 72h, maxPerPersonPerWeek: 2,
              sendWindow: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" } }
    digest: { schedule: "mon 09:00", slackChannels: [C0LEADERS], teamsChannels: ["19:leaders@thread.tacv2"] }
`;

import { z } from 'zod';
import { dimensionSchema } from './dimensions.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "08:00" (24-hour HH:MM)');

/** "15m", "4h", "1d" (a business day, i.e. one working-day length), "2h30m". */
export const durationTextSchema = z
  .string()
  .regex(/^(\d+d)?(\d+h)?(\d+m)?$/, 'must be a duration like "15m", "4h", "1d" or "2h30m"')
  .refine((text) => text.length > 0, 'must not be empty');

export const ianaTimezoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA timezone name such as "Europe/London"');

export const weeklyWindowSchema = z
  .object({
    days: z.array(weekdaySchema).min(1, 'must list at least one day'),
    start: clockTime,
    end: clockTime,
  })
  .refine((window) => window.start < window.end, { message: 'start must be before end', path: ['end'] });
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

const slaTargetSchema = z.object({ acknowledge: durationTextSchema, resolve: durationTextSchema });
export type SlaTargetText = z.infer<typeof slaTargetSchema>;

export const teamConfigSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  /** Reference prefix, e.g. FAC for FAC-1042. Defaults to the first three letters of the id. */
  prefix: z
    .string()
    .regex(/^[A-Z]{2,6}$/, 'must be 2–6 capital letters')
    .optional(),
  timezone: ianaTimezoneSchema.optional(),
  businessHours: weeklyWindowSchema.default({
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
  }),
  categories: z.array(z.string().min(1)).min(1, 'must list at least one category'),
  locations: z.array(z.string().min(1)).default([]),
  sla: z.object({
    urgent: slaTargetSchema,
    high: slaTargetSchema,
    normal: slaTargetSchema,
    low: slaTargetSchema,
  }),
  slack: z
    .object({
      triageChannel: z.string().min(1),
      members: z.array(z.string().min(1)).default([]),
      leads: z.array(z.string().min(1)).default([]),
    })
    .optional(),
  teams: z
    .object({
      triageChannel: z.string().min(1),
      members: z.array(z.string().min(1)).default([]),
      leads: z.array(z.string().min(1)).default([]),
    })
    .optional(),
  survey: z
    .object({
      delay: durationTextSchema.default('1h'),
      reminderAfter: durationTextSchema.default('24h'),
      expireAfter: durationTextSchema.default('72h'),
      maxPerPersonPerWeek: z.number().int().min(0).default(2),
      sendWindow: weeklyWindowSchema.default({
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '18:00',
      }),
      importancePoll: z
        .object({
          everyMonths: z.number().int().min(1).default(3),
          sampleSize: z.number().int().min(1).default(20),
        })
        .default({ everyMonths: 3, sampleSize: 20 }),
    })
    .default({
      delay: '1h',
      reminderAfter: '24h',
      expireAfter: '72h',
      maxPerPersonPerWeek: 2,
      sendWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
      importancePoll: { everyMonths: 3, sampleSize: 20 },
    }),
  digest: z
    .object({
      schedule: z
        .string()
        .regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, 'must look like "mon 09:00"')
        .default('mon 09:00'),
      slackChannels: z.array(z.string().min(1)).default([]),
      teamsChannels: z.array(z.string().min(1)).default([]),
    })
    .default({ schedule: 'mon 09:00', slackChannels: [], teamsChannels: [] }),
  /** Overall-score weights; DOMAIN.md's customer weights unless the team sets its own. */
  weights: z.record(dimensionSchema, z.number().min(0)).optional(),
});
export type TeamConfigParsed = z.infer<typeof teamConfigSchema>;

/** A team as the rest of the app sees it: every default filled, timezone resolved. */
export type Team = Omit<TeamConfigParsed, 'timezone' | 'prefix'> & { timezone: string; prefix: string };

export const gapdeskConfigSchema = z
  .object({
    timezone: ianaTimezoneSchema.default('UTC'),
    teams: z.array(teamConfigSchema).min(1, 'must define at least one team'),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.teams.forEach((team, index) => {
      if (seen.has(team.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate team id "${team.id}"`,
          path: ['teams', index, 'id'],
        });
      }
      seen.add(team.id);
    });
  });

export function resolveTeams(config: z.infer<typeof gapdeskConfigSchema>): Team[] {
  return config.teams.map((team) => ({
    ...team,
    timezone: team.timezone ?? config.timezone,
    prefix:
      team.prefix ??
      team.id
        .replace(/[^a-z]/g, '')
        .slice(0, 3)
        .toUpperCase(),
  }));
}

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderGapChartPng } from '../charts/render-chart.js';
import { systemClock } from '../clock.js';
import { type Config, DEFAULT_REPORT_LINK_DAYS } from '../config.js';
import { digestWeek, lastCompleteWeek } from '../domain/digest/digest-week.js';
import { renderDigestText } from '../domain/digest/render-text.js';
import { digestPrepareKey, digestRefKey } from '../jobs/handlers/digest-jobs.js';
import { createLogger } from '../logger.js';
import { buildWeeklyDigest } from '../services/build-weekly-digest.js';
import { reportLink } from '../services/report/report-link.js';
import { TeamDirectory } from '../services/service-deps.js';
import { openDatabase } from '../store/database.js';
import { StoredMessageRefs } from '../store/message-refs.js';

export const DIGEST_USAGE = `usage: gapdesk digest --team TEAM [--week 2026-W47] [--format text|json|png] [--out FILE] [--post]

  --team     team id from the config file (required)
  --week     ISO week in the team's timezone; default: the last complete week
  --format   text (default) previews in the terminal, json prints the digest data,
             png writes the chart to --out (default ./digest-TEAM-WEEK.png)
  --post     posts the digest to the team's digest channels now (through the job queue;
             a channel that already has this week's digest is not posted to again)

  A preview also prints (on stderr) a signed link to the team's report page when
  GAPDESK_REPORT_SECRET is set: to GAPDESK_PUBLIC_URL, or else to http://127.0.0.1:PORT.`;

export const digestArgsSchema = z.object({
  team: z
    .string({ message: '--team is required' })
    .regex(/^[a-z][a-z0-9-]*$/, '--team must be a team id like "facilities"'),
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, '--week must look like 2026-W47')
    .optional(),
  format: z.enum(['text', 'json', 'png'], { message: '--format must be text, json or png' }).default('text'),
  out: z.string().min(1).optional(),
  post: z.boolean().default(false),
});
export type DigestArgs = z.infer<typeof digestArgsSchema>;

export class UsageError extends Error {}

/** Parses `digest` arguments; throws UsageError with every problem and the usage text. */
export function parseDigestArgs(argv: string[]): DigestArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        team: { type: 'string' },
        week: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        post: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${DIGEST_USAGE}`);
  }
  const parsed = digestArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(`${parsed.error.issues.map((i) => i.message).join('\n')}\n\n${DIGEST_USAGE}`);
  }
  return parsed.data;
}

export type Output = { out: (text: string) => void; err: (text: string) => void };

/** Runs `gapdesk digest`; returns the process exit code. */
export async function runDigestCommand(config: Config, args: DigestArgs, io: Output): Promise<number> {
  const teams = new TeamDirectory(config.teams);
  const team = teams.get(args.team);
  if (args.post) return postNow(config, args, io);
  const database = await openDatabase(config.databaseUrl);
  try {
    const digest = await buildWeeklyDigest(
      { store: database.store, clock: systemClock, teams },
      { teamId: team.id, week: args.week },
    );
    if (args.format === 'json') io.out(`${JSON.stringify(digest, null, 2)}\n`);
    else if (args.format === 'text') io.out(`${renderDigestText(digest)}\n`);
    else {
      const path = args.out ?? `digest-${team.id}-${digest.week}.png`;
      writeFileSync(path, await renderGapChartPng(digest));
      io.out(`wrote ${path}\n`);
    }
    // On stderr: stdout stays the digest itself (to pipe or save), and the link is a key.
    io.err(`${reportLinkLine(config, team.id, systemClock.now())}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function postNow(config: Config, args: DigestArgs, io: Output): Promise<number> {
  const team = new TeamDirectory(config.teams).get(args.team);
  // Loaded only to post: the preview needs neither Bolt nor botbuilder.
  const { createApp } = await import('../app.js');
  const app = await createApp({ config, logger: createLogger('warn') });
  try {
    const platforms = app.adapters
      .filter((adapter) => adapter.digestPoster)
      .map((adapter) => adapter.platform);
    if (platforms.length === 0) {
      io.err(
        'gapdesk: no connected platform can post digests (configure Slack or Teams; see docs/configuration.md)\n',
      );
      return 2;
    }
    const now = systemClock.now();
    const week = digestWeek(args.week ?? lastCompleteWeek(now, team.timezone), team.timezone).week;
    await app.deps.queue.enqueue(
      app.deps.store,
      {
        kind: 'digest.prepare',
        payload: { teamId: team.id, week },
        idempotencyKey: digestPrepareKey(team.id, week),
      },
      now,
    );
    await app.worker.drain();
    const channels = [
      ...team.digest.slackChannels.map((channel) => ({ platform: 'slack' as const, channel })),
      ...team.digest.teamsChannels.map((channel) => ({ platform: 'teams' as const, channel })),
    ].filter((target) => platforms.includes(target.platform));
    for (const { platform, channel } of channels) {
      const ref = await new StoredMessageRefs(app.deps.store).find(
        digestRefKey(team.id, week, channel, platform),
      );
      io.out(`${platform} ${channel}: ${ref ? 'posted' : 'not posted yet (see gapdesk jobs / the logs)'}\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Where to open this team's report: a signed link to GAPDESK_PUBLIC_URL, or without it to the
 * server on this machine (`npm start` on PORT); without GAPDESK_REPORT_SECRET, how to get one.
 */
export function reportLinkLine(config: Config, teamId: string, now: Date): string {
  if (!config.reportSecret) {
    return 'Report: no link, GAPDESK_REPORT_SECRET is not set (at least 32 characters, e.g. `openssl rand -hex 32`); set it and run this again for a signed link to the report page.';
  }
  const days = config.reportLinkDays ?? DEFAULT_REPORT_LINK_DAYS;
  const link = reportLink({
    baseUrl: config.publicUrl ?? `http://127.0.0.1:${config.port}`,
    secret: config.reportSecret,
    teamId,
    now,
    days,
  });
  const where = config.publicUrl ? '' : ', served by `npm start` on this machine';
  return `Report: ${link} (opens the ${teamId} report for ${days} days${where})`;
}

// npm run demo [-- --seed N] [--out DIR] [--weeks N] [--week 2026-W47]: weeks of the Facilities
// team in a sandbox workspace, through the real Slack and Teams adapters, each followed by its
// weekly gap digest; then a link to the report. No account, no network.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { renderGapChartPng } from '../charts/render-chart.js';
import { DEFAULT_DEMO_DIR } from '../config.js';
import { lastCompleteWeek } from '../domain/digest/digest-week.js';
import { renderDigestText } from '../domain/digest/render-text.js';
import { createLogger } from '../logger.js';
import { buildWeeklyDigest } from '../services/build-weekly-digest.js';
import { loadSavedDigest } from '../services/digest/saved-digest.js';
import { DEMO_CONFIG_YAML } from './demo/cast.js';
import { demoReportLink } from './demo/demo-link.js';
import { demoWeeks } from './demo/demo-weeks.js';
import { progressBar } from './demo/progress.js';
import { simulateWeeks } from './demo/run-week.js';

const TEAM = 'facilities';
const TIMEZONE = 'Europe/London';

const argsSchema = z.object({
  seed: z.coerce.number().int({ message: '--seed takes a whole number' }).default(1),
  out: z.string().min(1).default(`./${DEFAULT_DEMO_DIR}`),
  /** Requests in the last week; the weeks before it have --history-requests each. */
  requests: z.coerce.number().int().min(1).max(2_000).default(120),
  'history-requests': z.coerce.number().int().min(1).max(2_000).default(45),
  weeks: z.coerce
    .number()
    .int({ message: '--weeks takes a whole number from 1 to 26' })
    .min(1, '--weeks takes a whole number from 1 to 26')
    .max(26, '--weeks takes a whole number from 1 to 26')
    .default(8),
  // Default: the last complete week, so the report's "last 12 weeks" shows the demo today.
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, '--week must look like 2026-W47')
    .optional(),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = (argv[i] ?? '').replace(/^--/, '').split('=');
    if (!argv[i]?.startsWith('--') || !key) throw new Error(`unexpected argument "${argv[i]}"`);
    raw[key] = inline ?? argv[++i] ?? '';
  }
  const parsed = argsSchema.strict().safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

let args: z.infer<typeof argsSchema>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `demo: ${(error as Error).message}\nusage: npm run demo [-- --seed N] [--out DIR] [--weeks N] [--week 2026-W47] [--requests N] [--history-requests N]\n`,
  );
  process.exit(2);
}

const outDir = resolve(args.out);
const started = Date.now();
const logger = createLogger('error');
const bar = progressBar();
const weeks = demoWeeks({
  lastWeek: args.week ?? lastCompleteWeek(new Date(), TIMEZONE),
  count: args.weeks,
  requests: args.requests,
  historyRequests: args['history-requests'],
  timezone: TIMEZONE,
});
const lastWeek = weeks.at(-1)?.week ?? '';
process.stderr.write(
  `gapdesk demo: ${weeks.length} weeks (${weeks[0]?.week} to ${lastWeek}) of the Facilities team in a sandbox workspace, seed ${args.seed}\n`,
);
const { world, stats } = await simulateWeeks({
  seed: args.seed,
  outDir,
  logger,
  weeks,
  onProgress: (done, total, label) => bar.update(done, total, label),
});
const total = {
  filed: stats.reduce((sum, week) => sum + week.filed, 0),
  actions: stats.reduce((sum, week) => sum + week.actions, 0),
  surveysAnswered: stats.reduce((sum, week) => sum + week.surveysAnswered, 0),
  notFixed: stats.reduce((sum, week) => sum + week.notFixed, 0),
  byEntry: stats.reduce<Record<string, number>>((sum, week) => {
    for (const [entry, n] of Object.entries(week.byEntry)) sum[entry] = (sum[entry] ?? 0) + n;
    return sum;
  }, {}),
};
bar.done(
  `simulated: ${total.filed} requests, ${total.actions} team actions, ${total.surveysAnswered} survey answers (${total.notFixed} "not fixed")`,
);

// The last week's digest as it was posted on Monday 09:00 (built now only if it was not).
const digest =
  (await loadSavedDigest(world.app.deps, TEAM, lastWeek)) ??
  (await buildWeeklyDigest(world.app.deps, { teamId: TEAM, week: lastWeek }));
const text = renderDigestText(digest);

const slackDigest = world.fakeSlack.calls.filter(
  (call) => call.method.startsWith('files.') || call.params.channel === 'C0LEADERS',
);
const teamsDigest = world.connector
  .delivered()
  .filter((call) => JSON.stringify(call.body).includes('leaders'));
const files: Record<string, string | Buffer> = {
  'digest.txt': `${text}\n`,
  'digest.json': `${JSON.stringify(digest, null, 2)}\n`,
  'gap-chart.png': await renderGapChartPng(digest),
  'slack-digest-post.json': `${JSON.stringify(slackDigest, null, 2)}\n`,
  'teams-digest-post.json': `${JSON.stringify(teamsDigest, null, 2)}\n`,
  'slack-calls.json': `${JSON.stringify(world.fakeSlack.calls, null, 2)}\n`,
  'teams-calls.json': `${JSON.stringify(world.connector.delivered(), null, 2)}\n`,
  'summary.json': `${JSON.stringify({ seed: args.seed, week: digest.week, ...total, weeks: stats }, null, 2)}\n`,
  // What GAPDESK_DEMO=1 npm start reads, beside the database: the teams the demo ran with.
  'gapdesk.config.yaml': DEMO_CONFIG_YAML.trimStart(),
};
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
await world.close();

process.stdout.write(`\n${text}\n\n`);
process.stdout.write(
  `Weeks simulated: ${stats.map((week) => `${week.week} ${week.filed} filed/${week.surveysAnswered} answers`).join(', ')}\n`,
);
process.stdout.write(
  `Entry points used: ${Object.entries(total.byEntry)
    .map(([entry, n]) => `${entry} ${n}`)
    .join(', ')}\n`,
);
process.stdout.write(
  `Digests posted: Slack ${slackDigest.filter((c) => c.method === 'chat.postMessage').length}, Teams ${teamsDigest.filter((c) => c.kind === 'createConversation').length} (one a week)\n`,
);
process.stdout.write(
  `Wrote ${Object.keys(files)
    .map((name) => join(args.out, name))
    .join(', ')} (${Math.round((Date.now() - started) / 100) / 10} s)\n`,
);
const serve = resolve(args.out) === resolve(DEFAULT_DEMO_DIR) ? 'GAPDESK_DEMO=1' : `GAPDESK_DEMO=${args.out}`;
process.stdout.write(
  `\nThe report (history, drill-down, export), once served with \`npm run build && ${serve} npm start\`:\n  ${demoReportLink(TEAM, new Date())}\n`,
);

// npm run demo [-- --seed N] [--out DIR]: a realistic week in a sandbox workspace, through the
// real Slack and Teams adapters, then the weekly gap digest. No account, no network.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { renderGapChartPng } from '../charts/render-chart.js';
import { renderDigestText } from '../domain/digest/render-text.js';
import { createLogger } from '../logger.js';
import { buildWeeklyDigest } from '../services/build-weekly-digest.js';
import { progressBar } from './demo/progress.js';
import { DEMO_WEEK_START, simulateWeek } from './demo/run-week.js';

const argsSchema = z.object({
  seed: z.coerce.number().int({ message: '--seed takes a whole number' }).default(1),
  out: z.string().min(1).default('./demo-output'),
  requests: z.coerce.number().int().min(1).max(2_000).default(150),
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
  process.stderr.write(`demo: ${(error as Error).message}\nusage: npm run demo [-- --seed N] [--out DIR]\n`);
  process.exit(2);
}

const outDir = resolve(args.out);
const started = Date.now();
const logger = createLogger('error');
const bar = progressBar();
process.stderr.write(
  `gapdesk demo: one week (2026-W47) of the Facilities team in a sandbox workspace, seed ${args.seed}\n`,
);
const { world, clock, stats } = await simulateWeek({
  seed: args.seed,
  outDir,
  logger,
  requests: args.requests,
  onProgress: (done, total, label) => bar.update(done, total, label),
});
bar.done(
  `simulated: ${stats.filed} requests, ${stats.actions} team actions, ${stats.surveysAnswered} survey answers (${stats.notFixed} "not fixed")`,
);

// Monday 09:00, as scheduled: the digest of the week just simulated goes to the leaders' channels.
clock.set(DEMO_WEEK_START.plus({ days: 7, hours: 9 }).toJSDate());
await world.app.digestScheduler.enqueueDue();
await world.app.worker.drain();
const digest = await buildWeeklyDigest(world.app.deps, { teamId: 'facilities', week: '2026-W47' });
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
  'summary.json': `${JSON.stringify({ seed: args.seed, week: digest.week, ...stats }, null, 2)}\n`,
};
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
await world.close();

process.stdout.write(`\n${text}\n\n`);
process.stdout.write(
  `Entry points used: ${Object.entries(stats.byEntry)
    .map(([entry, n]) => `${entry} ${n}`)
    .join(', ')}\n`,
);
process.stdout.write(
  `Digest posted: Slack ${slackDigest.some((c) => c.method === 'chat.postMessage') ? 'yes' : 'no'}, Teams ${teamsDigest.length > 0 ? 'yes' : 'no'}\n`,
);
process.stdout.write(
  `Wrote ${Object.keys(files)
    .map((name) => join(args.out, name))
    .join(', ')} (${Math.round((Date.now() - started) / 100) / 10} s)\n`,
);

import { z } from 'zod';
import type { Config } from '../config.js';
import { JobQueue } from '../jobs/queue.js';
import { openDatabase } from '../store/database.js';
import { listJobs } from '../store/jobs.js';
import { type Output, UsageError } from './digest-command.js';

export const JOBS_USAGE = `usage: gapdesk jobs list [--status failed|pending|running|done] [--limit N]
       gapdesk jobs retry [--id N ...]     put parked (failed) jobs back in line; all of them without --id`;

const jobsArgsSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('list'),
    status: z
      .enum(['failed', 'pending', 'running', 'done'], {
        message: '--status is failed, pending, running or done',
      })
      .default('failed'),
    limit: z.coerce.number().int().min(1).max(1_000).default(50),
  }),
  z.object({
    verb: z.literal('retry'),
    ids: z.array(z.coerce.number().int().positive({ message: '--id takes a job number' })),
  }),
]);
export type JobsArgs = z.infer<typeof jobsArgsSchema>;

export function parseJobsArgs(argv: string[]): JobsArgs {
  const [verb, ...rest] = argv;
  const raw: Record<string, unknown> = { verb, ids: [] as string[] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (!flag?.startsWith('--') || value === undefined)
      throw new UsageError(`unexpected argument "${flag}"\n\n${JOBS_USAGE}`);
    if (flag === '--id') (raw.ids as string[]).push(value);
    else raw[flag.slice(2)] = value;
    i++;
  }
  const parsed = jobsArgsSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`${parsed.error.issues.map((issue) => issue.message).join('\n')}\n\n${JOBS_USAGE}`);
  return parsed.data;
}

/** What an operator needs when something could not be delivered: see it, fix the cause, retry it. */
export async function runJobsCommand(config: Config, args: JobsArgs, io: Output): Promise<number> {
  const { store, provider, close } = await openDatabase(config.databaseUrl);
  try {
    if (args.verb === 'retry') {
      const count = await new JobQueue(store, provider, config.jobRetentionDays).requeueFailed(
        new Date(),
        args.ids,
      );
      io.out(
        `${count} job${count === 1 ? '' : 's'} put back in line; a running gapdesk delivers them within seconds\n`,
      );
      return 0;
    }
    const jobs = await listJobs(store, args.status, args.limit);
    if (jobs.length === 0) io.out(`no ${args.status} jobs\n`);
    for (const job of jobs) {
      const when = (job.finishedAt ?? job.dueAt).toISOString();
      io.out(
        `#${job.id}  ${job.kind.padEnd(18)} ${job.status.padEnd(7)} attempts ${job.attempts}/${job.maxAttempts}  ${when}\n`,
      );
      if (job.lastError) io.out(`      ${job.lastError.split('\n')[0]}\n`);
    }
    return 0;
  } finally {
    await close();
  }
}

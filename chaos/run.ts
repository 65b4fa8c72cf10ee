// npm run chaos [-- --quick] [--seed N] [--only name] [--skip name]… [--soak-minutes N]: the fault suite. Each scenario runs gapdesk
// as a real process against the sandbox fakes, injects faults, then checks the database and the
// fakes' records. Prints one row per scenario; exits 1 if anything was lost, duplicated or wrong.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { badInput } from './bad-input.js';
import { badInputTeams } from './bad-input-teams.js';
import { killNine } from './kill-nine.js';
import { outage } from './outage.js';
import { postgresRestart } from './postgres-restart.js';
import { rateLimits } from './rate-limits.js';
import { replicas } from './replicas.js';
import { soak } from './soak.js';
import { sqliteBusy, sqliteFull } from './sqlite-faults.js';
import { failed, formatTable, type ScenarioResult } from './support/table.js';

const scenarioNames = [
  'bad-input',
  'bad-input-teams',
  'kill-nine',
  'outage',
  'rate-limits',
  'replicas',
  'postgres-restart',
  'sqlite-busy',
  'sqlite-full',
  'soak',
] as const;
const argsSchema = z.object({
  quick: z.boolean().default(false),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .default(() => Math.floor(Math.random() * 1_000_000)),
  only: z.enum(scenarioNames).optional(),
  skip: z.array(z.enum(scenarioNames)).default([]),
  'soak-minutes': z.coerce.number().positive().default(30),
});
const parsedArgs = argsSchema.safeParse(
  parseArgs({
    options: {
      quick: { type: 'boolean' },
      seed: { type: 'string' },
      only: { type: 'string' },
      skip: { type: 'string', multiple: true },
      'soak-minutes': { type: 'string' },
    },
  }).values,
);
if (!parsedArgs.success) {
  for (const issue of parsedArgs.error.issues)
    process.stderr.write(`--${issue.path.join('.')}: ${issue.message}\n`);
  process.exit(2);
}
const { quick, seed, only, skip, 'soak-minutes': soakMinutes } = parsedArgs.data;

const scenarios: { name: (typeof scenarioNames)[number]; run: () => Promise<ScenarioResult> }[] = [
  { name: 'bad-input', run: () => badInput({ count: quick ? 500 : 10_000, seed }) },
  { name: 'bad-input-teams', run: () => badInputTeams({ count: quick ? 500 : 10_000, seed }) },
  {
    name: 'kill-nine',
    run: () =>
      killNine(
        quick
          ? { operations: 200, ratePerSecond: 20, kills: 2, seed }
          : { operations: 1_000, ratePerSecond: 20, kills: 6, seed },
      ),
  },
  {
    name: 'replicas',
    run: () =>
      replicas(quick ? { requests: 24, ratePerSecond: 3, seed } : { requests: 200, ratePerSecond: 4, seed }),
  },
  {
    name: 'postgres-restart',
    run: () =>
      postgresRestart(
        quick
          ? { operations: 100, ratePerSecond: 10, restarts: 1, outageMs: 2_000, seed }
          : { operations: 600, ratePerSecond: 15, restarts: 3, outageMs: 4_000, seed },
      ),
  },
  {
    name: 'sqlite-busy',
    run: () => sqliteBusy(quick ? { rounds: 2, perRound: 5 } : { rounds: 8, perRound: 10 }),
  },
  {
    name: 'sqlite-full',
    run: () => sqliteFull(quick ? { rounds: 1, perRound: 5 } : { rounds: 4, perRound: 10 }),
  },
  {
    name: 'outage',
    run: () =>
      outage(
        quick
          ? {
              operations: 150,
              ratePerSecond: 10,
              outageStartMs: 3_000,
              outageMs: 9_000,
              backoffMaxSeconds: 2,
              seed,
            }
          : { operations: 1_800, ratePerSecond: 10, outageStartMs: 20_000, outageMs: 120_000, seed },
      ),
  },
  {
    name: 'rate-limits',
    run: () =>
      rateLimits(
        quick
          ? { surveys: 300, busyPeople: 2, surveysEach: 8 }
          : { surveys: 5_000, busyPeople: 2, surveysEach: 40 },
      ),
  },
  // Full form only: half an hour at 20/s.
  ...(quick
    ? []
    : [{ name: 'soak' as const, run: () => soak({ minutes: soakMinutes, ratePerSecond: 20, seed }) }]),
];

process.stdout.write(`chaos ${quick ? '--quick' : '(full)'} --seed ${seed}\n`);
const started = Date.now();
const results: ScenarioResult[] = [];
const chosen = scenarios.filter((s) => (only === undefined || s.name === only) && !skip.includes(s.name));
if (skip.length > 0) process.stdout.write(`skipped: ${skip.join(', ')}\n`);
for (const scenario of chosen) {
  const t0 = Date.now();
  const result = await scenario.run();
  results.push(result);
  process.stdout.write(`\n${scenario.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  for (const note of result.notes) process.stdout.write(`  ${note}\n`);
}
process.stdout.write(`\n${formatTable(results)}\n\n${((Date.now() - started) / 1000).toFixed(1)} s in all\n`);
process.exit(results.some(failed) ? 1 : 0);

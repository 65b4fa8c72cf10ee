// npm run chaos [-- --quick] [--seed N] [--only name]: the fault suite. Each scenario runs gapdesk
// as a real process against the sandbox fakes, injects faults, then checks the database and the
// fakes' records. Prints one row per scenario; exits 1 if anything was lost, duplicated or wrong.
import { badInput } from './bad-input.js';
import { killNine } from './kill-nine.js';
import { outage } from './outage.js';
import { rateLimits } from './rate-limits.js';
import { failed, formatTable, type ScenarioResult } from './support/table.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : Math.floor(Math.random() * 1_000_000);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const scenarios: { name: string; run: () => Promise<ScenarioResult> }[] = [
  { name: 'bad-input', run: () => badInput({ count: quick ? 500 : 10_000, seed }) },
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
];

process.stdout.write(`chaos ${quick ? '--quick' : '(full)'} --seed ${seed}\n`);
const started = Date.now();
const results: ScenarioResult[] = [];
for (const scenario of scenarios.filter((s) => only === undefined || s.name === only)) {
  const t0 = Date.now();
  const result = await scenario.run();
  results.push(result);
  process.stdout.write(`\n${scenario.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  for (const note of result.notes) process.stdout.write(`  ${note}\n`);
}
process.stdout.write(`\n${formatTable(results)}\n\n${((Date.now() - started) / 1000).toFixed(1)} s in all\n`);
process.exit(results.some(failed) ? 1 : 0);

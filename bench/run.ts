// npm run bench -- <name> [more names]: runs bench/<name>.ts. Benchmarks print numbers and
// ratios; they never fail on time (these machines are noisy).
import { readdirSync } from 'node:fs';

const available = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
if (wanted.length === 0 || wanted.some((name) => !available.includes(name))) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [...]\n`);
  process.exit(2);
}
for (const name of wanted) {
  process.stdout.write(`\n== bench ${name} ==\n`);
  await import(`./${name}.ts`);
}

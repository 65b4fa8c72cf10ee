import { percentile } from '../../src/domain/stats/percentile.js';

/** The rates a step-up tries, requests per second, lowest first. */
export const CAPACITY_RATES = (process.env.BENCH_CAPACITY_RATES ?? '25,50,100,150,200')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
/** How long each step sends for. */
export const STEP_SECONDS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 3);
/** A step holds when its p99 acknowledgement is under this, with no failed request. */
export const P99_LIMIT_MS = 500;

/** One request's outcome: its latency, or null when it failed. */
export type Outcome = number | null;
/** Sends `count` requests at `rate` per second whatever the answers (open loop), numbered from `from`. */
export type OpenLoop = (rate: number, from: number, count: number) => Promise<Outcome[]>;

export type Step = { rate: number; p99: number; failed: number; held: boolean };

/** How many requests a whole step-up may send (to prepare one request per Take, say). */
export function capacityRequests(): number {
  return CAPACITY_RATES.reduce((sum, rate) => sum + rate * STEP_SECONDS, 0);
}

/**
 * Capacity in a step-up open loop: each rate in turn for STEP_SECONDS, until a step's p99
 * acknowledgement reaches P99_LIMIT_MS or a request fails. The capacity is the last rate that
 * held (0 when none did). Requests are numbered from `from` on across the steps.
 */
export async function stepUp(send: OpenLoop, from: number): Promise<{ steps: Step[]; capacity: number }> {
  const steps: Step[] = [];
  let next = from;
  for (const rate of CAPACITY_RATES) {
    const count = rate * STEP_SECONDS;
    const outcomes = await send(rate, next, count);
    next += count;
    const latencies = outcomes.filter((outcome): outcome is number => outcome !== null);
    const failed = outcomes.length - latencies.length;
    const p99 = latencies.length > 0 ? percentile(latencies, 0.99) : Number.POSITIVE_INFINITY;
    const held = failed === 0 && p99 < P99_LIMIT_MS;
    steps.push({ rate, p99, failed, held });
    if (!held) break;
    // Let the server finish what the step left (deliveries, GC) before the next one starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const capacity = [...steps].reverse().find((step) => step.held)?.rate ?? 0;
  return { steps, capacity };
}

/** `25/s p99 4.1 ms ✓  50/s p99 6.0 ms ✓ …` */
export function describeSteps(steps: readonly Step[]): string {
  return steps
    .map(
      (step) =>
        `${step.rate}/s p99 ${Number.isFinite(step.p99) ? `${step.p99.toFixed(1)} ms` : '—'}${step.failed ? ` (${step.failed} failed)` : ''} ${step.held ? '✓' : '✗'}`,
    )
    .join('  ');
}

/** An open loop over `send`: request i leaves at i / rate seconds, whatever the answers. */
export function openLoop(send: (i: number) => Promise<number>): OpenLoop {
  return (rate, from, count) => {
    const start = performance.now();
    return Promise.all(
      Array.from({ length: count }, async (_, i): Promise<Outcome> => {
        const wait = start + (i * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          return await send(from + i);
        } catch {
          return null;
        }
      }),
    );
  };
}

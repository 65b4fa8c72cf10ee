import type { ChildProcess } from 'node:child_process';
import { cpuMillis, cpuMillisWhenIdle } from './child-server.js';

export type Subject<Sample> = {
  child: ChildProcess;
  /** Sends one window of load to this server; the samples it measured. */
  window: (round: number) => Promise<Sample[]>;
};

export type Measured<Sample> = {
  samples: Sample[];
  /** The samples of each round's window, in round order. */
  byRound: Sample[][];
  /** CPU the server used over its windows, until idle after each (null off Linux). */
  cpuMs: number | null;
};

/**
 * Measures servers in alternating windows (A B, B A, A B, …) instead of one after the other.
 * On a shared 2-core VM, stalls of tens of milliseconds (CPU steal) come and go; measured one
 * after the other, a server's p99 mostly says which stretch of time it ran in. Alternating
 * short windows exposes each server to the same stretches, so the ratio compares the servers.
 * A window ends only once its server is idle again (a job worker has caught up), so no server
 * is measured while another is still busy, and CPU is charged to the server that used it.
 */
export async function alternatingWindows<Sample>(
  rounds: number,
  subjects: ReadonlyArray<Subject<Sample>>,
): Promise<Array<Measured<Sample>>> {
  const measured = subjects.map((): Measured<Sample> => ({ samples: [], byRound: [], cpuMs: 0 }));
  for (let round = 0; round < rounds; round++) {
    const order = subjects.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const subject = subjects[index] as Subject<Sample>;
      const result = measured[index] as Measured<Sample>;
      const before = cpuMillis(subject.child);
      const samples = await subject.window(round);
      const after = await cpuMillisWhenIdle(subject.child);
      result.samples.push(...samples);
      result.byRound.push(samples);
      result.cpuMs =
        before === null || after === null || result.cpuMs === null ? null : result.cpuMs + after - before;
    }
  }
  return measured;
}

/** Lowest, median and highest of the per-round ratios, e.g. "0.9× / 1.2× / 2.0×". */
export function spread(ratios: readonly number[]): string {
  const sorted = [...ratios].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return 'n/a';
  const at = (q: number) => `${(sorted[Math.round(q * (sorted.length - 1))] as number).toFixed(2)}×`;
  return `${at(0)} / ${at(0.5)} / ${at(1)}`;
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Starts `script` again in a child process (the bench's server role, chosen by `env`) and
 * resolves with the JSON line it prints once it listens. Each server gets its own process so
 * the load generator's work never shares an event loop with the server it measures.
 */
export function startChildServer<Ready>(
  script: string,
  env: Record<string, string>,
  label: string,
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    lines.once('line', (line) => resolve({ child, ready: JSON.parse(line) as Ready }));
  });
}

export function stopChildServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time the child has used so far, user + system, in ms (Linux /proc; null elsewhere).
 * Unlike latency on a shared 2-core machine, CPU per request barely moves from run to run, so
 * it is the number to watch when making the hot path cheaper.
 */
export function cpuMillis(child: ChildProcess): number | null {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Waits until the child stops using CPU (its job worker has caught up), then returns its CPU ms. */
export async function cpuMillisWhenIdle(child: ChildProcess): Promise<number | null> {
  let last = cpuMillis(child);
  for (let i = 0; i < 100 && last !== null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = cpuMillis(child);
    if (now === null || now - last <= 1000 / TICKS_PER_SECOND) return now;
    last = now;
  }
  return last;
}

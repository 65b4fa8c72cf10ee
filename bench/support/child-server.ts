import { type ChildProcess, spawn } from 'node:child_process';
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

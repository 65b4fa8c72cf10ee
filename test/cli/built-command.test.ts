import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/store/migrate.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Ran = { code: number; stdout: string; stderr: string };

/** The built CLI as `npx gapdesk` runs it (package.json's bin), without npx's start-up each time. */
const gapdesk = (args: string[], env?: Record<string, string>) =>
  inProject(process.execPath, ['dist/src/cli/gapdesk.js', ...args], env);

/** A command from the project folder with only the given environment (no platform set). */
async function inProject(command: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const result = await run(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, ...result };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the built gapdesk (npm run build, then the gapdesk command and npm start)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gapdesk-built-'));
    const build = await inProject('npm', ['run', 'build']);
    expect(build.stderr + build.stdout).not.toContain('error TS');
    expect(build.code).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npx gapdesk --help lists every verb', async () => {
    const help = await inProject('npx', ['--no-install', 'gapdesk', '--help']);
    expect(help.code).toBe(0);
    for (const verb of ['serve', 'migrate', 'digest', 'jobs'])
      expect(help.stdout).toMatch(new RegExp(`^  ${verb} `, 'm'));
  });

  it.each(['serve', 'migrate', 'digest', 'jobs'])(
    'gapdesk %s --help prints its usage and exits 0',
    async (verb) => {
      const help = await gapdesk([verb, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`usage: gapdesk ${verb}`);
    },
  );

  it('an unknown verb prints the usage and exits 2', async () => {
    const wrong = await gapdesk(['deploy']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command "deploy"');
  });

  it('gapdesk migrate applies pending migrations once and --status lists them before and after', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'migrate.db')}` };
    const names = listMigrations('sqlite').map((migration) => migration.name);
    const before = await gapdesk(['migrate', '--status'], env);
    expect(before.stdout.trim().split('\n')).toEqual(names.map((name) => `${name}  pending`));
    const applied = await gapdesk(['migrate'], env);
    expect(applied.stdout.trim().split('\n')).toEqual(names.map((name) => `applied ${name}`));
    const again = await gapdesk(['migrate'], env);
    expect(again.stdout).toBe('up to date: no pending migration\n');
    const after = await gapdesk(['migrate', '--status'], env);
    expect(after.stdout).not.toContain('pending');
    expect(after.stdout.trim().split('\n')).toHaveLength(names.length);
  });

  it('npm start (node dist/main.js) with no platform configured exits 2 and points at the demo', async () => {
    const started = await inProject('npm', ['start'], { DATABASE_URL: `file:${join(dir, 'start.db')}` });
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('no chat platform is configured');
    expect(started.stderr).toContain('npm run demo');
  });
});

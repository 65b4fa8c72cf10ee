import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './gapdesk-process.js';

const run = promisify(execFile);

/** The machine's shared PostgreSQL, on which a scenario only ever creates and drops its own database. */
export const SHARED_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/** `CREATE DATABASE chaos_<random>` on the shared server; `drop` ends its sessions and drops it. */
export async function createScratchDatabase(adminUrl = SHARED_POSTGRES_URL): Promise<ScratchDatabase> {
  const name = `chaos_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL server of the scenario's own (initdb in a temp dir, a free port, trust auth), so
 * it can be stopped and started without touching anyone else's. PostgreSQL refuses to run as
 * root: as root, the server runs as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly user: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'gapdesk-chaos-pg-'));
    const user = userInfo().uid === 0 ? 'postgres' : userInfo().username;
    if (userInfo().uid === 0) {
      const { stdout } = await run('id', ['-u', user]);
      const { stdout: group } = await run('id', ['-g', user]);
      chownSync(dir, Number(stdout.trim()), Number(group.trim()));
    }
    const server = new PrivatePostgres(dir, await freePort(), user);
    await server.as('initdb', ['-D', server.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await server.startServer();
    return server;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** pg_ctl start, waiting until it accepts connections. */
  startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    return this.as('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  /** `immediate` is a crash (no shutdown checkpoint, every session cut); `fast` a clean stop. */
  stopServer(mode: 'immediate' | 'fast'): Promise<void> {
    return this.as('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  async remove(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async as(command: string, args: string[]): Promise<void> {
    const binary = command;
    if (userInfo().uid === 0) await run('runuser', ['-u', this.user, '--', binary, ...args]);
    else await run(binary, args);
  }
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one `PRAGMA wal_checkpoint` reported: WAL frames in all, and how many are in the database file. */
export type CheckpointResult = { walFrames: number; checkpointedFrames: number };

/**
 * The thread's whole program. A string, not a module: a worker thread does not inherit the
 * TypeScript loader (tsx or vitest) that runs the rest of gapdesk, and this needs none.
 * A RESTART runs with no busy wait: it runs while our process holds its turn, so only another
 * process can be in its way, and then it ends as a passive checkpoint does (busy) and is tried
 * again once the log is long again.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 10000 });
db.pragma('wal_autocheckpoint = 0');
const checkpoint = (mode) => {
  const row = db.pragma('wal_checkpoint(' + mode + ')')[0];
  return { walFrames: row.log, checkpointedFrames: row.checkpointed, busy: row.busy === 1 };
};
const passive = () => {
  const result = checkpoint('PASSIVE');
  if (result.walFrames >= workerData.restartAtFrames) parentPort.postMessage({ long: true });
  return result;
};
const restart = () => {
  db.pragma('busy_timeout = 0');
  try { return checkpoint('RESTART'); } finally { db.pragma('busy_timeout = 10000'); }
};
const timer = setInterval(() => {
  try { passive(); } catch (error) { parentPort.postMessage({ background: String(error) }); }
}, workerData.everyMs);
parentPort.on('message', ({ id, kind }) => {
  if (kind === 'stop') { clearInterval(timer); db.close(); parentPort.close(); return; }
  try { parentPort.postMessage({ id, done: kind === 'restart' ? restart() : passive() }); }
  catch (error) { parentPort.postMessage({ id, failed: String(error) }); }
});
`;

type Done = CheckpointResult & { busy: boolean };
type Reply =
  | { id: number; done: Done }
  | { id: number; failed: string }
  | { background: string }
  | { long: true };

export type WalCheckpointerOptions = {
  /** How often the thread runs a passive checkpoint. */
  everyMs?: number;
  /** A log this many frames long (4 KB each) is restarted from its beginning. */
  restartAtFrames?: number;
  /**
   * Runs `restart` when none of our connections is inside a statement (their shared turn, see
   * one-connection.ts), and preferably when no request is being answered: it holds every
   * statement of the process back for a checkpoint of the last few commits and its syncs.
   */
  whenQuiet?: (restart: () => Promise<void>) => Promise<void>;
};

/**
 * Copies the WAL into the database file from a thread of its own. SQLite otherwise does it
 * inside whichever commit crosses 1000 WAL pages, fsyncs included: a stall of several
 * milliseconds on the event loop that is answering Slack and Teams, every second or so under
 * load. Our connections therefore turn automatic checkpoints off (WAL_AUTOCHECKPOINT_OFF) and
 * this thread runs a passive checkpoint every `everyMs` instead: it never waits for readers or
 * writers, and commits meanwhile only append to the log. Durability is unchanged: commits and
 * checkpoints sync exactly as before (synchronous=NORMAL), only on another thread.
 *
 * Passive checkpoints alone never shorten the log under steady load: SQLite starts writing it
 * from the beginning again only when a write begins with every frame already copied, and with
 * commits every few milliseconds one always lands during the checkpoint. The log then grew
 * without end (1.5 GB after 5,000 clicks in a row), and each commit appended to an ever longer
 * file: a click's commit took 150–450 µs, against 110–120 µs writing over the start of a
 * restarted log. So once the log is
 * `restartAtFrames` long, the process pauses its own statements for a moment (`whenQuiet`)
 * while the thread copies the last few frames (a RESTART checkpoint); the next commit then
 * writes the log from its start.
 */
export class WalCheckpointer {
  private readonly thread: Worker;
  private readonly exited: Promise<void>;
  private readonly waiting = new Map<number, (reply: { done: Done } | { failed: string }) => void>();
  private readonly whenQuiet: (restart: () => Promise<void>) => Promise<void>;
  private nextId = 0;
  private stopped = false;
  private restarting = false;

  constructor(
    path: string,
    private readonly onError: (message: string) => void,
    options: WalCheckpointerOptions = {},
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData = {
      path,
      driver,
      everyMs: options.everyMs ?? 500,
      restartAtFrames: options.restartAtFrames ?? 16_384,
    };
    this.whenQuiet = options.whenQuiet ?? ((restart) => restart());
    this.thread = new Worker(THREAD_SOURCE, { eval: true, workerData });
    this.thread.on('message', (reply: Reply) => this.received(reply));
    this.thread.on('error', (error) => onError(String(error)));
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
    this.thread.on('exit', () => {
      this.stopped = true;
      for (const answer of this.waiting.values()) answer({ failed: 'the checkpoint thread has stopped' });
      this.waiting.clear();
    });
    // The timer in the thread must not keep a finished process (a CLI run, a test) alive.
    this.thread.unref();
  }

  /** Checkpoints now (tests, and a last one before close); resolves with what SQLite reported. */
  async checkpoint(): Promise<CheckpointResult> {
    const { walFrames, checkpointedFrames } = await this.request('checkpoint');
    return { walFrames, checkpointedFrames };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.thread.ref();
    this.thread.postMessage({ kind: 'stop' });
    await this.exited;
  }

  private received(reply: Reply): void {
    if ('background' in reply) this.onError(reply.background);
    else if ('long' in reply) this.restartSoon();
    else {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    }
    // Once stopping, the thread stays referenced until it exits: a report it sent before it
    // read "stop" must not let the process end with stop() still waiting for that exit.
    if (this.waiting.size === 0 && !this.stopped) this.thread.unref();
  }

  private request(kind: 'checkpoint' | 'restart'): Promise<Done> {
    if (this.stopped) return Promise.reject(new Error('the checkpoint thread has stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        'done' in reply ? resolve(reply.done) : reject(new Error(reply.failed)),
      );
      this.thread.ref();
      this.thread.postMessage({ id, kind });
    });
  }

  /** One restart at a time; a long log reported meanwhile is the same long log. */
  private restartSoon(): void {
    if (this.restarting || this.stopped) return;
    this.restarting = true;
    this.whenQuiet(async () => {
      if (!this.stopped) await this.request('restart');
    })
      .catch((error: unknown) => {
        if (!this.stopped) this.onError(`restarting the log: ${String(error)}`);
      })
      .finally(() => {
        this.restarting = false;
      });
  }
}

/** For every connection of ours that writes: the checkpointer thread checkpoints instead. */
export const WAL_AUTOCHECKPOINT_OFF = 'PRAGMA wal_autocheckpoint = 0';

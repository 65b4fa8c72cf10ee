import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one `PRAGMA wal_checkpoint(PASSIVE)` reported: WAL frames in all, and how many are in the database file. */
export type CheckpointResult = { walFrames: number; checkpointedFrames: number };

/**
 * The thread's whole program. A string, not a module: a worker thread does not inherit the
 * TypeScript loader (tsx or vitest) that runs the rest of gapdesk, and this needs none.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 10000 });
db.pragma('wal_autocheckpoint = 0');
const checkpoint = () => {
  const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
  return { walFrames: row.log, checkpointedFrames: row.checkpointed };
};
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ background: String(error) }); }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); db.close(); parentPort.close(); return; }
  try { parentPort.postMessage({ done: checkpoint() }); } catch (error) { parentPort.postMessage({ failed: String(error) }); }
});
`;

type Reply = { done: CheckpointResult } | { failed: string } | { background: string };

/**
 * Copies the WAL into the database file from a thread of its own. SQLite otherwise does it
 * inside whichever commit crosses 1000 WAL pages, fsyncs included: a stall of several
 * milliseconds on the event loop that is answering Slack and Teams, every second or so under
 * load. Our connections therefore turn automatic checkpoints off (WAL_AUTOCHECKPOINT_OFF) and
 * this thread checkpoints every `everyMs` instead. PASSIVE never waits for readers or writers;
 * a commit meanwhile only appends to the WAL. Durability is unchanged: commits and checkpoints
 * sync exactly as before (synchronous=NORMAL), only on another thread.
 */
export class WalCheckpointer {
  private readonly thread: Worker;
  private readonly exited: Promise<void>;
  private readonly waiting: Array<(reply: Exclude<Reply, { background: string }>) => void> = [];

  constructor(path: string, onError: (message: string) => void, everyMs = 500) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.thread = new Worker(THREAD_SOURCE, { eval: true, workerData: { path, driver, everyMs } });
    this.thread.on('message', (reply: Reply) => {
      if ('background' in reply) onError(reply.background);
      else this.waiting.shift()?.(reply);
      if (this.waiting.length === 0) this.thread.unref();
    });
    this.thread.on('error', (error) => onError(String(error)));
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
    this.thread.on('exit', () => {
      for (const waiter of this.waiting.splice(0)) waiter({ failed: 'the checkpoint thread has stopped' });
    });
    // The timer in the thread must not keep a finished process (a CLI run, a test) alive.
    this.thread.unref();
  }

  /** Checkpoints now (tests, and a last one before close); resolves with what SQLite reported. */
  checkpoint(): Promise<CheckpointResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => ('done' in reply ? resolve(reply.done) : reject(new Error(reply.failed))));
      this.thread.ref();
      this.thread.postMessage('checkpoint');
    });
  }

  async stop(): Promise<void> {
    this.thread.ref();
    this.thread.postMessage('stop');
    await this.exited;
  }
}

/** For every connection of ours that writes: the checkpointer thread checkpoints instead. */
export const WAL_AUTOCHECKPOINT_OFF = 'PRAGMA wal_autocheckpoint = 0';

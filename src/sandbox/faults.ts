import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How a platform fails while an outage lasts: `500` answers every call with a server error,
 * `reset` drops the connection without an answer (a TCP RST), `timeout` holds the call
 * unanswered until the client gives up or the outage ends, when the connection is dropped.
 */
export type FaultMode = '500' | 'timeout' | 'reset';
export type Fault = { mode: FaultMode; until: Date };

/**
 * A sandbox platform's outage switch: while a fault is set and its `until` has not come, every
 * call fails that way and reaches nothing (a held call is never answered later, so the platform
 * never acted on a call the client saw fail). Counts the calls it failed.
 */
export class Faults {
  readonly injected: Record<FaultMode, number> = { '500': 0, timeout: 0, reset: 0 };
  private current: Fault | undefined;
  private readonly held = new Set<ServerResponse>();
  private releaseTimer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  set(fault: Fault): void {
    this.dropHeld();
    this.current = fault;
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => this.dropHeld(), Math.max(0, fault.until.getTime() - Date.now()));
    this.releaseTimer.unref();
  }

  clear(): void {
    this.current = undefined;
    clearTimeout(this.releaseTimer);
    this.dropHeld();
  }

  /** Calls failed so far, every mode. */
  total(): number {
    return this.injected['500'] + this.injected.timeout + this.injected.reset;
  }

  /** Fails the call if a fault is on (true: the caller must not answer it). */
  intercept(req: IncomingMessage, res: ServerResponse): boolean {
    const fault = this.current;
    if (!fault || this.now().getTime() >= fault.until.getTime()) return false;
    this.injected[fault.mode] += 1;
    if (fault.mode === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    } else if (fault.mode === 'reset') {
      req.socket.resetAndDestroy();
    } else {
      this.held.add(res);
      res.once('close', () => this.held.delete(res));
    }
    return true;
  }

  private dropHeld(): void {
    for (const res of this.held) res.socket?.resetAndDestroy();
    this.held.clear();
  }
}

/**
 * Requests first, deliveries after. Slack and Teams wait on our HTTP answer (Slack gives up at
 * 3 s, and users feel every 100 ms); a delivery waits in a durable queue and nobody notices a
 * few milliseconds more. Node runs both on one event loop, so the job worker asks for a turn
 * before each step (a claim, a job): a turn comes when no request is being answered, one step
 * per turn of the event loop, so a request that arrives meanwhile is answered before the next
 * step starts. Under a flood that never pauses, a step waits at most `maxWaitMs` (deliveries
 * are delayed, never starved).
 */
export class Foreground {
  private inFlight = 0;
  private turns: Promise<void> = Promise.resolve();

  constructor(private readonly maxWaitMs = 50) {}

  /** Marks a request as being answered; call the returned function once it is (idempotent). */
  enter(): () => void {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
    };
  }

  /** Resolves when background work may take its next step. Steps are granted one at a time. */
  turn(): Promise<void> {
    const granted = this.turns.then(() => this.quietMoment());
    this.turns = granted;
    return granted;
  }

  private async quietMoment(): Promise<void> {
    const since = performance.now();
    do {
      // setImmediate runs after the event loop's poll phase: requests already on the socket get read first.
      await new Promise((resolve) => setImmediate(resolve));
    } while (this.inFlight > 0 && performance.now() - since < this.maxWaitMs);
  }
}

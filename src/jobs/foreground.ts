/**
 * Requests first, deliveries after. Slack and Teams wait on our HTTP answer (Slack gives up at
 * 3 s, and users feel every 100 ms); a delivery waits in a durable queue and nobody notices a
 * few milliseconds more. Node runs both on one event loop, so the job worker asks for a turn
 * before each step (filing staged jobs, a claim, a job): a turn comes when no request is being
 * answered, one step per turn of the event loop, so a request that arrives meanwhile is
 * answered before the next step starts. Under a flood that never pauses, a step waits at most
 * `maxWaitMs` (deliveries are delayed, never starved).
 */
export class Foreground {
  private inFlight = 0;
  private turns: Promise<void> = Promise.resolve();
  /** Steps waiting for the moment no request is in flight. */
  private waitingForQuiet: Array<() => void> = [];

  constructor(private readonly maxWaitMs = 50) {}

  /** Marks a request as being answered; call the returned function once it is (idempotent). */
  enter(): () => void {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
      if (this.inFlight === 0) {
        const waiting = this.waitingForQuiet;
        this.waitingForQuiet = [];
        for (const wake of waiting) wake();
      }
    };
  }

  /** Resolves when background work may take its next step. Steps are granted one at a time. */
  turn(): Promise<void> {
    const granted = this.turns.then(() => this.quietMoment());
    this.turns = granted;
    return granted;
  }

  private async quietMoment(): Promise<void> {
    const deadline = performance.now() + this.maxWaitMs;
    for (;;) {
      // setImmediate runs after the event loop's poll phase: requests already on the socket get read first.
      await new Promise((resolve) => setImmediate(resolve));
      const left = deadline - performance.now();
      if (this.inFlight === 0 || left <= 0) return;
      // Sleep until the last request in flight is answered (not a spin: that burnt the CPU the
      // requests needed), or until the longest wait is up.
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          // Gone from the list already when the quiet came; still in it when the wait ran out.
          const index = this.waitingForQuiet.indexOf(wake);
          if (index >= 0) this.waitingForQuiet.splice(index, 1);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waitingForQuiet.push(wake);
      });
    }
  }
}

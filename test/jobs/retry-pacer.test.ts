import { describe, expect, it } from 'vitest';
import { RetryPacer } from '../../src/jobs/retry-pacer.js';

describe('spreading the retries of throttled jobs', () => {
  let now = 0;
  const pacer = () => new RetryPacer(() => now);

  it('one throttled job alone waits exactly its Retry-After', () => {
    now = 0;
    expect(pacer().throttled(1_000)).toBe(1_000);
  });

  it('jobs throttled together take turns at the most the platform accepted in a second lately, a tenth faster', () => {
    now = 0;
    const paced = pacer();
    // 10 accepted in one second, 20 in the next: the pace is 20 a second, tried at 22.
    for (let i = 0; i < 30; i++) {
      now = i < 10 ? i * 100 : 1_000 + (i - 10) * 50;
      paced.accepted();
    }
    now = 2_000;
    const waits = Array.from({ length: 3 }, () => paced.throttled(1_000));
    expect(waits).toEqual([1_000, 1_045, 1_091]);
  });

  it('a turn that has come no longer holds up the next throttled job', () => {
    now = 0;
    const paced = pacer();
    expect(paced.throttled(1_000)).toBe(1_000);
    expect(paced.throttled(1_000)).toBe(1_200);
    now = 1_500;
    expect(paced.throttled(1_000)).toBe(1_000);
  });

  it('with nothing accepted lately it still paces at five a second, not at none', () => {
    now = 0;
    const paced = pacer();
    const waits = Array.from({ length: 11 }, () => paced.throttled(1_000));
    expect(waits.at(-1)).toBe(3_000);
  });
});

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

  it('a destination throttled just after it took a call waits in its own line, not behind the whole platform', () => {
    now = 0;
    const paced = pacer();
    // A hundred other people's messages are waiting their turn on the platform.
    for (let i = 0; i < 100; i++) paced.throttled(1_000);
    const busyChat = paced.toward('D0BUSY');
    busyChat.accepted();
    now = 100;
    expect([busyChat.throttled(1_000), busyChat.throttled(1_000), busyChat.throttled(1_000)]).toEqual([
      1_000, 2_000, 3_000,
    ]);
  });

  it('a destination with jobs still in its line keeps adding to it, however long ago it took a call', () => {
    now = 0;
    const paced = pacer();
    const chat = paced.toward('C0TRIAGE');
    chat.accepted();
    now = 1_500;
    expect(chat.throttled(1_000)).toBe(1_000);
    now = 2_400;
    expect(chat.throttled(1_000)).toBe(1_100);
  });

  it('a destination quiet for a while is throttled as the platform is: its turn comes after the others waiting', () => {
    now = 0;
    const paced = pacer();
    const chat = paced.toward('D0QUIET');
    chat.accepted();
    now = 5_000;
    expect(paced.throttled(1_000)).toBe(1_000);
    expect(chat.throttled(1_000)).toBe(1_200);
  });

  it('once the pace falls, the next throttled job goes right after the last turn given, leaving no idle stretch', () => {
    now = 0;
    const paced = pacer();
    for (let i = 0; i < 50; i++) paced.accepted();
    // Fifty in a second: turns at 55 a second, the last about 20 s out.
    let last = 0;
    for (let i = 0; i < 1_100; i++) last = paced.throttled(1_000);
    expect(last).toBe(20_982);
    // Ten quiet seconds later the pace is the floor of five a second; the line still ends at 20,982.
    now = 11_000;
    expect(paced.throttled(1_000)).toBe(20_982 - 11_000 + 200);
  });
});

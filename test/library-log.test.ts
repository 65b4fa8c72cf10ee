import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { libraryLine, routeConsole } from '../src/library-log.js';
import { createLogger } from '../src/logger.js';

describe('a library’s log line', () => {
  it('keeps what the library says and withholds the data it quotes', () => {
    const body = JSON.stringify({ channel: 'C1', text: 'the lock on room 7 was forced' });
    expect(libraryLine([`http request body: ${body}`]).msg).toBe('http request body: [data withheld]');
    expect(libraryLine([`http request result: ${body}`]).msg).toBe('http request result: [data withheld]');
    expect(libraryLine([body]).msg).toBe('[data withheld]');
    // Bolt's ack lines quote what was acknowledged, as text or "[object Object]".
    expect(libraryLine(['ack() response sent (body: Filed FAC-1: the lock on room 7)']).msg).toBe(
      'ack() response sent (body: [data withheld]',
    );
    expect(libraryLine(['Error details: Error: boom, storedResponse: secret text']).msg).toBe(
      'Error details: Error: boom, storedResponse: [data withheld]',
    );
    expect(libraryLine(["apiCall('chat.postMessage') start"]).msg).toBe("apiCall('chat.postMessage') start");
    expect(libraryLine(['http request url: https://slack.com/api/chat.postMessage']).msg).toBe(
      'http request url: https://slack.com/api/chat.postMessage',
    );
  });

  it('puts an Error in err, never an object, and cuts query strings and long text', () => {
    const error = new Error('An API error occurred: channel_not_found');
    expect(libraryLine(['Slack API error: channel_not_found', error])).toEqual({
      fields: { err: error },
      msg: 'Slack API error: channel_not_found',
    });
    expect(libraryLine(['http request failed', { text: 'user words' }, 3])).toEqual({
      fields: {},
      msg: 'http request failed 3 [data withheld]',
    });
    expect(libraryLine(['posting to https://hooks.slack.com/x?token=abc done']).msg).toBe(
      'posting to https://hooks.slack.com/x?… done',
    );
    expect(libraryLine(['x'.repeat(1000)]).msg).toBe(`${'x'.repeat(300)} [data withheld]`);
  });

  it('routes console output through the logger as library lines, until put back', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const original = console.error;
    const restore = routeConsole(createLogger('debug', sink), 'botbuilder');
    try {
      // What botbuilder's CloudAdapter prints: a refused activity, a failed authentication.
      console.warn('BadRequest: Missing activity or activity type.');
      console.error(new Error('Unauthorized. Invalid AppId passed on token'));
      console.log('Activity Log:', { text: 'the lock on room 7 was forced' });
    } finally {
      restore();
    }
    expect(console.error).toBe(original);
    expect(lines).toMatchObject([
      { level: 40, component: 'botbuilder', msg: 'BadRequest: Missing activity or activity type.' },
      {
        level: 50,
        component: 'botbuilder',
        err: { message: 'Unauthorized. Invalid AppId passed on token' },
      },
      { level: 30, component: 'botbuilder', msg: 'Activity Log: [data withheld]' },
    ]);
  });
});

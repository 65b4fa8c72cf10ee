import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { SlackSandboxPerson } from '../../src/sandbox/slack-person.js';
import { SlackRequests } from '../../src/sandbox/slack-requests.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

const TOKEN = 'xoxb-logging-test-token-0123';
const SECRET = 'logging-test-signing-secret';
const DESCRIPTION = 'Private matter: the lock on room 7 was forced';

describe('logs at info level', () => {
  const lines: Record<string, unknown>[] = [];
  let bed: TestApp;
  let fake: FakeSlack;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    fake = await FakeSlack.start();
    bed = await startTestApp({
      slack: { botToken: TOKEN, signingSecret: SECRET, apiUrl: fake.url },
      logger: createLogger('info', sink),
    });
    // The first DM fails once, so the worker logs a retry for its job.
    fake.fail('chat.postMessage', { status: 500 }, { times: 1 });
    const requester = new SlackSandboxPerson('U0DANA', fake, new SlackRequests(bed.baseUrl, SECRET));
    await requester.slashRequest(DESCRIPTION, {
      category: 'Access',
      description: DESCRIPTION,
      needed_by: 'today',
    });
    await bed.app.worker.drain();
    bed.clock.advance(60_000);
    await bed.app.worker.drain();
  });
  afterAll(async () => {
    await bed.close();
    await fake.close();
  });

  it('are JSON lines with a request id for every HTTP request and a job id for every job line', () => {
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const line of requests)
      expect(line).toMatchObject({
        service: 'gapdesk',
        requestId: expect.any(String),
        path: '/slack/events',
      });
    const jobLines = lines.filter((line) => String(line.msg).startsWith('job '));
    expect(jobLines.length).toBeGreaterThanOrEqual(1);
    for (const line of jobLines)
      expect(line).toMatchObject({ jobId: expect.any(Number), kind: expect.any(String) });
  });

  it('carry no token, no signing secret and no message body', () => {
    const text = JSON.stringify(lines);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('lock on room 7');
  });
});

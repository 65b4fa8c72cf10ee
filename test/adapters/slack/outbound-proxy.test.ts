import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDigestWeek } from '../../services/digest/digest-seed.js';
import { type ForwardProxy, startForwardProxy } from '../../support/forward-proxy.js';
import { DANA, deliver, fileBySlash, type SlackTestbed, startSlackTestbed } from './slack-harness.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];

describe("outgoing Slack calls and the company's forward proxy", () => {
  let saved: Record<string, string | undefined>;
  let bed: SlackTestbed;
  let proxy: ForwardProxy;

  beforeEach(async () => {
    saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of PROXY_VARIABLES) delete process.env[name];
    proxy = await startForwardProxy();
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    for (const name of PROXY_VARIABLES) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await bed.closeAll();
    await proxy.close();
  });

  /** Files a request by slash command and delivers what follows: listener calls and job calls. */
  async function fileAndDeliver(): Promise<void> {
    await fileBySlash(bed, DANA, 'Projector in 3A is dead', {
      category: 'Electrical',
      description: 'Projector in 3A is dead',
      needed_by: 'today',
    });
    await deliver(bed);
  }

  const reachedSlack = () => bed.fake.calls.map((call) => `${bed.fake.url}${call.method}`).sort();
  const proxied = () => proxy.calls.map((call) => `${call.method} ${call.target}`).sort();

  // Set only after the app started: the agent reads the variables for each request.
  it.each([
    ['HTTPS_PROXY', 'HTTP_PROXY'],
    ['https_proxy', 'http_proxy'],
  ])('sends every Web API call through the proxy that %s / %s name', async (https, http) => {
    process.env[https] = proxy.url;
    process.env[http] = proxy.url;
    await fileAndDeliver();

    expect(bed.fake.calls.map((call) => call.method)).toEqual(
      expect.arrayContaining(['auth.test', 'views.open', 'chat.postMessage', 'users.info']),
    );
    expect(proxied()).toEqual(reachedSlack().map((url) => `POST ${url}`));
  });

  it('uploads the weekly digest chart through the proxy too', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.HTTP_PROXY = proxy.url;
    await seedDigestWeek(bed.app.database.db);
    bed.clock.set('2026-11-23T09:00:00Z');
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();

    const [getUrl] = bed.fake.callsTo('files.getUploadURLExternal');
    const uploadUrl = String(getUrl?.response.upload_url);
    expect(bed.fake.uploads.size).toBe(1);
    expect(proxied()).toEqual([...reachedSlack(), uploadUrl].sort().map((url) => `POST ${url}`));
  });

  it('goes straight to Slack, past the proxy, when NO_PROXY covers the host', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    await fileAndDeliver();

    expect(bed.fake.calls.map((call) => call.method)).toEqual(
      expect.arrayContaining(['auth.test', 'views.open', 'chat.postMessage', 'users.info']),
    );
    expect(proxy.calls).toEqual([]);
  });
});

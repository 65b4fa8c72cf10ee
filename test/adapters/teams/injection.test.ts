import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const HOSTILE = '**URGENT** [click me](http://evil.example) <at>Sam Lead</at> <img src=x onerror=alert(1)>';

describe('Teams: user text is shown literally, never as markdown, HTML or mentions', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('escapes a hostile description on the triage card and a hostile note in the thread and the requester’s update', async () => {
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: HOSTILE });
    await t.app.worker.drain();
    const card = cardOf(t.connector.delivered().find((c) => c.kind === 'createConversation'));
    const raw = JSON.stringify(card);
    // What the card carries: every markdown and tag character escaped …
    expect(raw).toContain('\\\\*\\\\*URGENT\\\\*\\\\* \\\\[click me\\\\]\\\\(http://evil.example\\\\)');
    expect(raw).toContain('\\\\<at\\\\>Sam Lead\\\\</at\\\\>');
    expect(raw).not.toMatch(/[^\\]\*\*URGENT/);
    expect(raw).not.toMatch(/[^\\]<img/);
    // … and what a person reads: exactly what the requester typed.
    expect(cardTextOf(card)).toContain(HOSTILE);

    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: `<b>Fixed</b> ${HOSTILE}` });
    await t.app.worker.drain();
    const note = t.connector.messagesIn(triageThread(t, ref).conversationId).at(-1);
    expect(note?.body.text).toBe(
      `Alex Fixit resolved <b>${ref}</b>: &lt;b&gt;Fixed&lt;/b&gt; &#42;&#42;URGENT&#42;&#42; &#91;click me&#93;(http://evil.example) &lt;at&gt;Sam Lead&lt;/at&gt; &lt;img src=x onerror=alert(1)&gt;`,
    );
    expect(note?.body.entities).toBeUndefined();
    const update = t.connector.messagesIn(personalConversation(users.riley).id as string).at(-1);
    expect(JSON.stringify(cardOf(update))).not.toMatch(/[^\\]<b>Fixed/);
    expect(cardTextOf(cardOf(update))).toContain(`Your request is resolved: <b>Fixed</b> ${HOSTILE}`);
  });
});

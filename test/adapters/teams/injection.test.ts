import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const HOSTILE =
  '**URGENT** [click me](http://evil.example) <at>Sam Lead</at> <b>now</b> & <img src=x onerror=alert(1)> &lt;3';
/**
 * HOSTILE in an Adaptive Card TextBlock (Markdown): every Markdown character and `<`, `>`, `&`
 * backslash-escaped, which card Markdown honours.
 */
const IN_CARD =
  '\\*\\*URGENT\\*\\* \\[click me\\]\\(http://evil.example\\) \\<at\\>Sam Lead\\</at\\> \\<b\\>now\\</b\\> \\& \\<img src=x onerror=alert\\(1\\)\\> \\&lt;3';
/**
 * HOSTILE in message text (Teams' HTML subset): entities, never backslashes — `&lt;`, `&gt;`,
 * `&amp;` for the markup, numeric ones for the Markdown characters; what a user typed as an
 * entity stays the text they typed.
 */
const IN_MESSAGE =
  '&#42;&#42;URGENT&#42;&#42; &#91;click me&#93;(http://evil.example) &lt;at&gt;Sam Lead&lt;/at&gt; &lt;b&gt;now&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &amp;lt;3';

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
    // What the card carries: the description's TextBlock, escaped for card Markdown …
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'TextBlock', text: IN_CARD }));
    expect(JSON.stringify(card)).not.toMatch(/[^\\]<(at|b|img)\b/);
    // … and what a person reads: exactly what the requester typed.
    expect(cardTextOf(card)).toContain(HOSTILE);

    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: `<b>Fixed</b> ${HOSTILE}` });
    await t.app.worker.drain();
    const note = t.connector.messagesIn(triageThread(t, ref).conversationId).at(-1);
    expect(note?.body.textFormat).toBe('xml');
    expect(note?.body.text).toBe(`Alex Fixit resolved <b>${ref}</b>: &lt;b&gt;Fixed&lt;/b&gt; ${IN_MESSAGE}`);
    expect(note?.body.text).not.toContain('\\');
    // The typed <at>Sam Lead</at> mentions nobody: mentions are entities, and there are none.
    expect(note?.body.entities).toBeUndefined();
    const update = t.connector.messagesIn(personalConversation(users.riley).id as string).at(-1);
    expect(JSON.stringify(cardOf(update))).not.toMatch(/[^\\]<b>Fixed/);
    expect(cardTextOf(cardOf(update))).toContain(`Your request is resolved: <b>Fixed</b> ${HOSTILE}`);
  });

  it('mentions through the entity only, with a hostile display name entity-escaped in the text', async () => {
    // The lead's Teams display name is theirs to choose; gapdesk learns it from their activity.
    const name = 'Sam <b>Lead</b> & <at>Co</at>';
    await t.post(message(t.connector.url, { ...users.sam, name }, 'hi'));
    const { ref } = await fileFromChat(t, users.riley, { description: 'The radiator in room 2.14 is cold' });
    await t.app.worker.drain();
    // High priority: acknowledge within 1 h, the warning at 80 % (48 min).
    t.clock.advance(50 * 60_000);
    await t.app.worker.drain();

    const alert = t.connector
      .messagesIn(triageThread(t, ref).conversationId)
      .find((call) => String(call.body.text).includes('target'));
    const mention = '<at>Sam &lt;b&gt;Lead&lt;/b&gt; &amp; &lt;at&gt;Co&lt;/at&gt;</at>';
    const text = String(alert?.body.text);
    expect(text.slice(0, text.indexOf(' (due '))).toBe(`${mention} ${ref} is close to its pick-up target`);
    // One <at> in the text, and it is the entity's, which carries the name as Teams gave it.
    expect(String(alert?.body.text).match(/<at>/g)).toHaveLength(1);
    expect(alert?.body.entities).toEqual([
      { type: 'mention', text: mention, mentioned: { id: users.sam.aadObjectId, name } },
    ]);
  });
});

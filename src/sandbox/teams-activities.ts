/** A Teams user as activities carry them: a Bot Framework id (29:…) and the AAD object id. */
export type TeamsUser = { id: string; name: string; aadObjectId: string };

export const TENANT_ID = '72f988bf-0000-4000-8000-tenant000001';
export const TEAM_ID = '19:team-facilities@thread.tacv2';
export const TRIAGE_CHANNEL = '19:facilities@thread.tacv2';
export const BOT = { id: '28:gapdesk-bot-0001', name: 'gapdesk' };

export const users = {
  riley: { id: '29:1riley-bf-id', name: 'Riley Requester', aadObjectId: 'aad-riley' },
  alex: { id: '29:1alex-bf-id', name: 'Alex Fixit', aadObjectId: 'aad-alex' },
  sam: { id: '29:1sam-bf-id', name: 'Sam Lead', aadObjectId: 'aad-sam' },
  mallory: { id: '29:1mallory-bf-id', name: 'Mallory Outsider', aadObjectId: 'aad-mallory' },
} satisfies Record<string, TeamsUser>;

export type Activity = Record<string, unknown>;

let sequence = 1_000;
const nextId = () => `1${String(sequence++).padStart(12, '0')}`;

function base(serviceUrl: string, from: TeamsUser, conversation: Activity, channelData: Activity): Activity {
  return {
    id: nextId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation,
    recipient: { ...BOT },
    locale: 'en-GB',
    entities: [
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
    ],
    channelData,
  };
}

/** The 1:1 chat between a user and the bot. */
export function personalConversation(user: TeamsUser): Activity {
  return { conversationType: 'personal', tenantId: TENANT_ID, id: `a:1personal-${user.aadObjectId}` };
}

function personal(serviceUrl: string, user: TeamsUser): Activity {
  return base(serviceUrl, user, personalConversation(user), { tenant: { id: TENANT_ID } });
}

/** A thread in the facilities triage channel (the card's thread when `messageId` is its id). */
function inChannel(serviceUrl: string, user: TeamsUser, messageId?: string): Activity {
  return base(
    serviceUrl,
    user,
    {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT_ID,
      id: messageId ? `${TRIAGE_CHANNEL};messageid=${messageId}` : TRIAGE_CHANNEL,
    },
    {
      teamsChannelId: TRIAGE_CHANNEL,
      teamsTeamId: TEAM_ID,
      channel: { id: TRIAGE_CHANNEL },
      team: { id: TEAM_ID, aadGroupId: 'b1e2c3d4-0000-4000-8000-group0000001' },
      tenant: { id: TENANT_ID },
    },
  );
}

export function message(serviceUrl: string, user: TeamsUser, text: string): Activity {
  return { ...personal(serviceUrl, user), type: 'message', textFormat: 'plain', text };
}

/** A click on an Action.Execute button (Universal Actions) of a card the bot posted. */
export function cardAction(
  serviceUrl: string,
  user: TeamsUser,
  options: {
    verb: string;
    data: Record<string, unknown>;
    replyToId: string;
    where: 'personal' | 'channel';
    threadId?: string;
  },
): Activity {
  const start =
    options.where === 'personal' ? personal(serviceUrl, user) : inChannel(serviceUrl, user, options.threadId);
  return {
    ...start,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
  };
}

/** The message an action command is run on, as Teams sends it (HTML body). */
export function messagePayload(author: TeamsUser, html: string): Activity {
  return {
    id: nextId(),
    createdDateTime: new Date().toISOString(),
    messageType: 'message',
    importance: 'normal',
    from: { user: { id: author.aadObjectId, displayName: author.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: html },
    linkToMessage: `https://teams.microsoft.com/l/message/19:general@thread.tacv2/${sequence}`,
  };
}

export function fetchTask(serviceUrl: string, user: TeamsUser, payload: Activity): Activity {
  return {
    ...inChannel(serviceUrl, user),
    type: 'invoke',
    name: 'composeExtension/fetchTask',
    value: {
      commandId: 'turnIntoRequest',
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: payload,
    },
  };
}

export function submitAction(
  serviceUrl: string,
  user: TeamsUser,
  payload: Activity,
  data: Record<string, unknown>,
): Activity {
  return {
    ...inChannel(serviceUrl, user),
    type: 'invoke',
    name: 'composeExtension/submitAction',
    value: {
      commandId: 'turnIntoRequest',
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: payload,
      data,
    },
  };
}

/** The app installed in a user's personal scope. */
export function installationUpdate(serviceUrl: string, user: TeamsUser): Activity {
  return { ...personal(serviceUrl, user), type: 'installationUpdate', action: 'add' };
}

/** The bot added to the facilities team (membersAdded holds the bot itself). */
export function botAddedToTeam(serviceUrl: string, user: TeamsUser): Activity {
  const activity = inChannel(serviceUrl, user);
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...(activity.channelData as Activity), eventType: 'teamMemberAdded' },
  };
}

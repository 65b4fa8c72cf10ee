import type { DateTime } from 'luxon';
import type { ServiceRequest } from '../../domain/request.js';
import { cardTextOf } from '../../sandbox/adaptive-cards.js';
import { buttonsIn } from '../../sandbox/slack-person.js';
import { listMyRequests } from '../../services/list-requests.js';
import { DEMO_STAFF, type DemoPerson } from './cast.js';
import type { SandboxWorld } from './sandbox-world.js';
import type { TriageCards } from './triage-cards.js';
import type { PlannedRequest } from './week-plan.js';

const GENERAL = 'C0GENERAL';

/** Files the planned request through its entry point, as its requester would; returns what was stored. */
export async function fileAsPlanned(world: SandboxWorld, plan: PlannedRequest): Promise<ServiceRequest> {
  const { requester } = plan;
  const before = new Set((await mine(world, requester)).map((request) => request.id));
  const slackAnswers = {
    category: plan.category,
    location: plan.location,
    description: plan.description,
    needed_by: plan.neededBy,
  };
  const teamsFields = {
    category: plan.category,
    location: plan.location,
    description: plan.description,
    neededBy: plan.neededBy,
  };
  const ts = `${1_763_000_000 + plan.n}.000100`;
  const person = () => world.slackPerson(requester);
  switch (plan.entry) {
    case 'slash_command':
      await person().slashRequest(plan.description, slackAnswers);
      break;
    case 'global_shortcut':
      await person().globalShortcut(slackAnswers);
      break;
    case 'message_shortcut':
      world.fakeSlack.addMessage(GENERAL, { ts, user: requester.userId, text: plan.description });
      await person().messageShortcut(
        GENERAL,
        { ts, text: plan.description, user: requester.userId },
        slackAnswers,
      );
      break;
    case 'reaction': {
      // A colleague on the team sees the message in a channel and files it for its author.
      world.fakeSlack.addMessage(GENERAL, { ts, user: requester.userId, text: plan.description });
      const reactor = DEMO_STAFF[plan.n % 3] as DemoPerson;
      await world.slackPerson(reactor).ticketReaction(GENERAL, { ts, user: requester.userId });
      break;
    }
    case 'direct_message':
      await person().directMessage(plan.description, ts, slackAnswers);
      break;
    case 'teams_chat':
      await world.teamsPerson(requester).fileFromChat(plan.description, teamsFields);
      break;
    case 'teams_message_extension':
      await world
        .teamsPerson(requester)
        .turnIntoRequest(world.teamsUser(requester), `<p>${escapeHtml(plan.description)}</p>`, teamsFields);
      break;
    default:
      throw new Error(`the demo has no way to file through ${plan.entry}`);
  }
  // Events (a reaction, a DM) are handled after Slack's ack, as in production: wait for the result.
  for (let waited = 0; waited < 5_000; waited += 20) {
    const filed = (await mine(world, requester)).find((request) => !before.has(request.id));
    if (filed) {
      await world.app.worker.drain();
      return filed;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`request ${plan.n} was not filed through ${plan.entry}`);
}

async function mine(world: SandboxWorld, person: DemoPerson): Promise<ServiceRequest[]> {
  const { open, recent } = await listMyRequests(
    world.app.deps,
    { platform: person.platform, userId: person.userId },
    { limit: 500 },
  );
  return [...open, ...recent];
}

export type TriageStep =
  | { kind: 'take' }
  | { kind: 'defer'; until: DateTime; reason: string }
  | { kind: 'wait'; on: 'resources' | 'requester'; note: string }
  | { kind: 'start' }
  | { kind: 'resolve'; resolution: string };

/** A team member presses the buttons on the request's triage card, on their own platform. */
export async function triage(
  world: SandboxWorld,
  cards: TriageCards,
  staff: DemoPerson,
  ref: string,
  step: TriageStep,
): Promise<void> {
  if (staff.platform === 'slack') await triageInSlack(world, cards, staff, ref, step);
  else await triageInTeams(world, cards, staff, ref, step);
  await world.app.worker.drain();
}

async function triageInSlack(
  world: SandboxWorld,
  cards: TriageCards,
  staff: DemoPerson,
  ref: string,
  step: TriageStep,
): Promise<void> {
  const person = world.slackPerson(staff);
  const card = cards.slackCard(ref);
  if (!card) throw new Error(`no Slack triage card for ${ref}`);
  switch (step.kind) {
    case 'take':
      if (buttonsIn(card.params.blocks).some((button) => button.text?.text === 'Take'))
        await person.press(card, 'Take');
      return;
    case 'defer':
      await person.pressAndSubmit(card, 'Defer…', {
        until: step.until.toISODate() ?? '',
        reason: step.reason,
      });
      return;
    case 'wait':
      await person.pressAndSubmit(card, 'Waiting on…', { waiting_on: step.on, note: step.note });
      return;
    case 'start':
      return;
    case 'resolve':
      await person.pressAndSubmit(card, 'Resolve…', { resolution: step.resolution });
      return;
  }
}

async function triageInTeams(
  world: SandboxWorld,
  cards: TriageCards,
  staff: DemoPerson,
  ref: string,
  step: TriageStep,
): Promise<void> {
  const found = cards.teamsCard(ref);
  if (!found) throw new Error(`no Teams triage card for ${ref}`);
  const { threadId, card } = found;
  const person = world.teamsPerson(staff);
  switch (step.kind) {
    case 'take':
      if (cardTextOf(card).includes('Take')) await person.pressOnTriageCard(threadId, card, 'Take');
      return;
    case 'defer':
      await person.pressOnTriageCard(threadId, card, 'Defer', {
        until: step.until.toISODate(),
        reason: step.reason,
      });
      return;
    case 'wait':
      await person.pressOnTriageCard(threadId, card, 'Save', { waitingOn: step.on, note: step.note });
      return;
    case 'start':
      return;
    case 'resolve':
      await person.pressOnTriageCard(threadId, card, 'Resolve', { resolution: step.resolution });
      return;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

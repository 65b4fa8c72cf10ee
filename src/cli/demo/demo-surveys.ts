import { DIMENSIONS, type Dimension, type Shortfall } from '../../domain/dimensions.js';
import {
  DIMENSION_QUESTIONS,
  GAP_SCALE,
  NOT_FIXED_OPTION,
  SHORTFALL_FOLLOW_UP,
} from '../../domain/survey-questions.js';
import { cardOf, cardTextOf, executeActions } from '../../sandbox/adaptive-cards.js';
import type { SlackCall } from '../../sandbox/fake-slack.js';
import { buttonsIn } from '../../sandbox/slack-person.js';
import type { DemoPerson } from './cast.js';
import type { SandboxWorld } from './sandbox-world.js';

/** A survey question gapdesk sent, found in the sandbox as the requester would see it. */
export type ArrivedSurvey = {
  ref: string;
  dimension: Dimension;
  requester: DemoPerson;
  answer(choice: SurveyChoice): Promise<void>;
};

export type SurveyChoice = { notFixed: true } | { score: number; shortfall?: Shortfall; comment?: string };

const SCALE_BUTTON = (score: number) =>
  GAP_SCALE.find((option) => option.value === score)?.button ?? 'As expected';
const SHORTFALL_BUTTON = (shortfall: Shortfall) =>
  SHORTFALL_FOLLOW_UP.choices.find((choice) => choice.shortfall === shortfall)?.button ?? '';

function dimensionIn(text: string): Dimension | undefined {
  return DIMENSIONS.find((dimension) => text.includes(DIMENSION_QUESTIONS[dimension]));
}

/** Watches the sandbox for survey questions not yet seen, on both platforms. */
export class SurveyInbox {
  private slackSeen = 0;
  private teamsLooked = 0;
  private readonly teamsSeen = new Set<string>();

  constructor(
    private readonly world: SandboxWorld,
    private readonly people: ReadonlyMap<string, DemoPerson>,
  ) {}

  collect(): ArrivedSurvey[] {
    return [...this.slackSurveys(), ...this.teamsSurveys()];
  }

  private slackSurveys(): ArrivedSurvey[] {
    const calls = this.world.fakeSlack.calls.slice(this.slackSeen);
    this.slackSeen = this.world.fakeSlack.calls.length;
    return calls.flatMap((call) => {
      if (call.method !== 'chat.postMessage') return [];
      const text = JSON.stringify(call.params.blocks ?? []);
      const dimension = dimensionIn(text);
      const requester = this.people.get(String(call.params.channel));
      const ref = /[A-Z]+-\d+/.exec(text)?.[0];
      if (
        !dimension ||
        !requester ||
        !ref ||
        !buttonsIn(call.params.blocks).some((b) => b.text?.text === NOT_FIXED_OPTION.button)
      )
        return [];
      return [
        {
          ref,
          dimension,
          requester,
          answer: (choice: SurveyChoice) => this.answerInSlack(requester, call, choice),
        },
      ];
    });
  }

  private async answerInSlack(
    requester: DemoPerson,
    question: SlackCall,
    choice: SurveyChoice,
  ): Promise<void> {
    const person = this.world.slackPerson(requester);
    const channel = String(question.response.channel ?? question.params.channel);
    const latest = () =>
      this.world.fakeSlack.calls
        .filter((c) => c.method === 'chat.update' && c.params.ts === question.response.ts)
        .at(-1) ?? question;
    if ('notFixed' in choice) {
      await person.press(question, NOT_FIXED_OPTION.button, channel);
      return;
    }
    await person.press(question, SCALE_BUTTON(choice.score), channel);
    await this.world.app.worker.drain();
    if (choice.shortfall) {
      await person.press(latest(), SHORTFALL_BUTTON(choice.shortfall), channel);
      await this.world.app.worker.drain();
    }
    if (choice.comment) {
      const since = this.world.fakeSlack.mark();
      await person.press(latest(), 'Add a comment', channel);
      await person.submitOpenedModal(since, { text: choice.comment });
    }
  }

  private teamsSurveys(): ArrivedSurvey[] {
    // Only the calls made since the last look: over weeks, the sandbox holds thousands.
    const calls = this.world.connector.calls.slice(this.teamsLooked);
    this.teamsLooked = this.world.connector.calls.length;
    return calls.flatMap((call) => {
      if (call.status >= 300 || call.kind === 'getMember') return [];
      if (!call.activityId || this.teamsSeen.has(call.activityId) || call.kind === 'update') return [];
      let text: string;
      try {
        text = cardTextOf(cardOf(call));
      } catch {
        return [];
      }
      const dimension = dimensionIn(text);
      if (!dimension) return [];
      this.teamsSeen.add(call.activityId);
      const requester = this.people.get(call.conversationId.replace(/^a:1personal-/, ''));
      const ref = /[A-Z]+-\d+/.exec(text)?.[0];
      if (!requester || !ref) return [];
      const posted = { activityId: call.activityId, card: cardOf(call) };
      return [
        {
          ref,
          dimension,
          requester,
          answer: (choice: SurveyChoice) => this.answerInTeams(requester, posted, choice),
        },
      ];
    });
  }

  private async answerInTeams(
    requester: DemoPerson,
    posted: { activityId: string; card: unknown },
    choice: SurveyChoice,
  ) {
    const person = this.world.teamsPerson(requester);
    if ('notFixed' in choice) {
      await person.pressOnChatCard(posted, NOT_FIXED_OPTION.button);
      return;
    }
    let card: unknown = await person.pressOnChatCard(posted, SCALE_BUTTON(choice.score));
    if (choice.shortfall)
      card = await person.pressOnChatCard({ ...posted, card }, SHORTFALL_BUTTON(choice.shortfall));
    if (choice.comment && executeActions(card).some((action) => action.title === 'Send')) {
      await person.pressOnChatCard({ ...posted, card }, 'Send', { comment: choice.comment });
    }
  }
}

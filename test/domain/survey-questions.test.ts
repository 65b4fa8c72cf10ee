import { describe, expect, it } from 'vitest';
import { DIMENSIONS, SHORTFALLS } from '../../src/domain/dimensions.js';
import {
  DIMENSION_QUESTIONS,
  GAP_SCALE,
  IMPORTANCE_POLL,
  NOT_FIXED_OPTION,
  SHORTFALL_FOLLOW_UP,
  SURVEY_TEXTS,
  scaleOption,
} from '../../src/domain/survey-questions.js';

const BUTTON_MAX = 30;
// Slack mrkdwn and HTML markers: adapters own formatting, so the wording must carry none.
const MARKUP = /[*_`<>~]/;

describe('survey questions', () => {
  it('asks every dimension as a question compared with what the requester expected', () => {
    for (const dimension of DIMENSIONS) {
      const question = DIMENSION_QUESTIONS[dimension];
      expect(question).toMatch(/compared with what you expected\?$/);
      expect(question).not.toMatch(MARKUP);
    }
    expect(Object.keys(DIMENSION_QUESTIONS).sort()).toEqual([...DIMENSIONS].sort());
  });

  it('offers five scale options from −2 to +2 in order, with short button labels', () => {
    expect(GAP_SCALE.map((option) => option.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(GAP_SCALE[0].label).toBe('Much worse than I expected');
    expect(GAP_SCALE[4].label).toBe('Much better than I expected');
    for (const option of GAP_SCALE) expect(option.button.length).toBeLessThanOrEqual(BUTTON_MAX);
    expect(NOT_FIXED_OPTION.button).toBe('Not fixed');
    expect(scaleOption(-1).button).toBe('Worse');
  });

  it('follows a low score with the three Rs, in order, each fitting a button', () => {
    expect(SHORTFALL_FOLLOW_UP.choices.map((choice) => choice.shortfall)).toEqual([...SHORTFALLS]);
    expect(SHORTFALL_FOLLOW_UP.choices.map((choice) => choice.label)).toEqual([
      "They didn't have what was needed",
      "Too slow, or I wasn't kept informed",
      "I didn't feel heard",
    ]);
    for (const choice of SHORTFALL_FOLLOW_UP.choices) {
      expect(choice.button.length).toBeLessThanOrEqual(BUTTON_MAX);
    }
  });

  it('asks requesters and leads the importance poll over the same five short options', () => {
    expect(IMPORTANCE_POLL.requesterQuestion).toBe('Which matters most to you?');
    expect(IMPORTANCE_POLL.leadQuestion).toBe('Which do you think matters most to the people you serve?');
    for (const dimension of DIMENSIONS) {
      const option = IMPORTANCE_POLL.options[dimension];
      expect(option.label.length).toBeLessThanOrEqual(BUTTON_MAX);
      expect(option.explanation.length).toBeGreaterThan(0);
    }
    expect(IMPORTANCE_POLL.options.reliability.label).toBe('Doing it right the first time');
  });

  it('keeps the remaining texts plain', () => {
    const texts = [
      SURVEY_TEXTS.intro('FAC-1042', 'Broken chair'),
      SURVEY_TEXTS.reminder('FAC-1042'),
      SURVEY_TEXTS.thankYou,
      SURVEY_TEXTS.thankYouAfterShortfall,
      SURVEY_TEXTS.notFixed,
      SURVEY_TEXTS.closed,
      IMPORTANCE_POLL.thankYou,
    ];
    for (const text of texts) expect(text).not.toMatch(MARKUP);
    expect(SURVEY_TEXTS.intro('FAC-1042', 'Broken chair')).toContain('FAC-1042');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestSchema } from '../../../src/domain/digest/digest-schema.js';
import { pickHeadlines } from '../../../src/domain/digest/findings.js';
import { renderDigestText } from '../../../src/domain/digest/render-text.js';

const FIXTURE = new URL('../../services/digest/__snapshots__/facilities-2026-W47.json.snap', import.meta.url);
const digest = digestSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

describe('headline findings', () => {
  it('lead with concerns, worst first, at most three', () => {
    const make = (severity: number, tone: 'concern' | 'good_news' = 'concern') => ({
      r: 'response' as const,
      tone,
      severity,
      title: `s${severity}`,
      detail: '',
    });
    expect(
      pickHeadlines([make(0.5), make(2, 'good_news'), make(1.5), make(0.9), make(1)]).map((f) => f.title),
    ).toEqual(['s1.5', 's1', 's0.9']);
  });

  it('bring good news when nothing is wrong', () => {
    const good = {
      r: 'respect' as const,
      tone: 'good_news' as const,
      severity: 0.4,
      title: 'better',
      detail: '',
    };
    expect(pickHeadlines([good])).toEqual([good]);
  });
});

describe('the text digest', () => {
  it('never prints a number for a figure from fewer than five answers', () => {
    const text = renderDigestText(digest);
    const assurance = text.split('\n').find((line) => line.trimStart().startsWith('Assurance       '));
    expect(assurance).toMatch(
      /^\s+Assurance\s+too few answers\s+2\s+too few answers\s+too few answers to compare$/,
    );
    expect(text).toContain('Average slip of broken promises: too few answers (3 broken)');
  });

  it('rejects stored digest data that does not match the schema', () => {
    expect(() => digestSchema.parse({ ...digest, version: 2 })).toThrow();
  });
});

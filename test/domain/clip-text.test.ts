import { describe, expect, it } from 'vitest';
import { clipText } from '../../src/domain/clip-text.js';

describe('clipText', () => {
  it('leaves text within the limit as it is', () => {
    expect(clipText('Bled the radiator', 17)).toBe('Bled the radiator');
  });

  it('cuts longer text to the limit, ellipsis included', () => {
    expect(clipText('Bled the radiator', 9)).toBe('Bled the…');
    expect(clipText('Bled the radiator', 9)).toHaveLength(9);
  });

  it('never halves a surrogate pair: an emoji at the cut is left out whole', () => {
    // "ab" + 😀 (two UTF-16 units) + "c": a cut after three units would split the emoji.
    expect(clipText('ab😀cd', 4)).toBe('ab…');
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const text = 'x😀y😀😀z'.repeat(3);
    for (let max = 1; max <= text.length; max += 1) expect(clipText(text, max)).not.toMatch(loneSurrogate);
  });

  it('keeps an emoji sequence (a flag, a skin tone) whole or not at all', () => {
    expect(clipText('ok 🇬🇧 flag', 6)).toBe('ok …');
    expect(clipText('ok 👍🏽 yes', 8)).toBe('ok 👍🏽…');
  });

  it('counts UTF-16 units, so the result fits any platform limit of that length', () => {
    const clipped = clipText('😀'.repeat(100), 51);
    expect(clipped.length).toBeLessThanOrEqual(51);
    expect(clipped).toBe(`${'😀'.repeat(25)}…`);
  });
});

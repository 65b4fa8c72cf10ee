// One segmenter for the process: building one is the costly part, segmenting is cheap.
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` shortened to at most `max` UTF-16 units, ending in an ellipsis. UTF-16 units are what
 * String#length counts and at least what any platform counts, so a limit that holds here holds
 * there. The cut falls between characters as a reader sees them: a surrogate pair, an emoji with
 * a skin tone or a flag is kept whole or left out whole, never halved into a broken glyph.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

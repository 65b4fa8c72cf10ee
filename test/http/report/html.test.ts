import { describe, expect, it } from 'vitest';
import { html, raw, reportHref } from '../../../src/http/report/html.js';

describe('report HTML', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    const text = `<script>alert("x")</script> & 'quote' <!channel>`;
    expect(html`<p title="${text}">${text}</p>`.html).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; &lt;!channel&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; &lt;!channel&gt;</p>',
    );
  });

  it('keeps markup marked as trusted and escapes inside nested lists', () => {
    expect(html`<ul>${['<a>', 'b'].map((item) => html`<li>${item}</li>`)}</ul>${raw('<br>')}`.html).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li></ul><br>',
    );
  });

  it('builds report links with the team and query encoded', () => {
    expect(reportHref('facilities', '/requests', { week: '2026-W47', figure: 'answered:reliability' })).toBe(
      '/report/facilities/requests?week=2026-W47&figure=answered%3Areliability',
    );
  });
});

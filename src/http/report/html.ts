/**
 * HTML built as strings, every piece of user or config text through `text()`: nothing a
 * requester typed can become markup. `Html` marks what is already safe, so a page cannot pass
 * raw text where markup is expected without the type checker noticing.
 */
export type Html = { readonly html: string };

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Trusted markup: literals in this code, or SVG rendered by vega from our own data. */
export const raw = (html: string): Html => ({ html });

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (typeof part === 'string') return escapeHtml(part);
  if (typeof part === 'number') return String(part);
  if (Array.isArray(part)) return part.map(render).join('');
  return (part as Html).html;
}

/** Tagged template: interpolated values are escaped unless they are `Html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

/** An in-report link; the path parts are encoded, the query built by URLSearchParams. */
export function reportHref(teamId: string, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/report/${encodeURIComponent(teamId)}${path}${search ? `?${search}` : ''}`;
}

import { type Html, html, raw, reportHref } from '../html.js';

/**
 * One column that fills a phone (390 px) and stops at a readable width on a desktop (1280 px);
 * tables scroll sideways inside their box rather than widen the page; charts scale to the width.
 * Inline and self-contained: the report works offline and loads nothing from anywhere.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 "DejaVu Sans",system-ui,sans-serif;color:#1d1d1f;background:#f5f6f8}
header{background:#1f5fa8;color:#fff;padding:12px 16px}
header a{color:#fff}
header h1{font-size:1.15rem;margin:0 0 4px}
nav{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.95rem}
main{max-width:1100px;margin:0 auto;padding:12px 16px 40px}
section{overflow-wrap:anywhere;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 14px;margin:14px 0}
h2{font-size:1.1rem;margin:0 0 8px}
h3{font-size:1rem;margin:12px 0 6px}
a{color:#1f5fa8}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px}
.figure{border:1px solid #e5e8ec;border-radius:6px;padding:8px 10px}
.figure .label{font-size:.85rem;color:#555}
.figure .value{font-size:1.25rem;font-weight:600}
.muted{color:#666;font-size:.9rem}
.chart svg{width:100%;height:auto;display:block}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,480px),1fr));gap:12px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{overflow-wrap:normal;text-align:left;padding:6px 8px;border-bottom:1px solid #e5e8ec;vertical-align:top}
th{background:#f0f2f5;white-space:nowrap}
td:first-child a{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.button{display:inline-block;padding:6px 12px;border:1px solid #1f5fa8;border-radius:6px;text-decoration:none}
.button.current{background:#1f5fa8;color:#fff}
blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid #c7cdd4;background:#fafbfc}
ol.timeline{padding-left:1.2rem}
ol.timeline li{margin:0 0 8px}
/* On a phone a list is a stack of cards, one per request, each cell labelled: no sideways scrolling. */
@media (max-width:640px){
table.cards,table.cards tbody{display:block;width:100%}
table.cards thead{display:none}
table.cards tr{display:block;border-bottom:1px solid #dde1e6;padding:8px 0}
table.cards td{display:flex;gap:8px;border:none;padding:2px 0;overflow-wrap:anywhere}
table.cards td:empty{display:none}
table.cards td::before{content:attr(data-label);flex:0 0 7.5rem;color:#555;font-size:.85rem}
}
form.period{display:flex;flex-wrap:wrap;gap:8px;align-items:end}
form.period label{display:flex;flex-direction:column;font-size:.85rem}
input,button{font:inherit;padding:4px 8px}
`;

export type LayoutInput = {
  teamId: string;
  teamName: string;
  title: string;
  body: Html;
};

export function layout(input: LayoutInput): string {
  const nav = html`<nav>
    <a href="${reportHref(input.teamId, '')}">This week</a>
    <a href="${reportHref(input.teamId, '/history')}">History</a>
    <a href="${reportHref(input.teamId, '/export')}">Export</a>
  </nav>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${input.title} · ${input.teamName} · gapdesk</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header><h1>${input.teamName} · ${input.title}</h1>${nav}</header>
<main>${input.body}</main>
</body>
</html>
`.html;
}

/** A page with nothing of the report on it (403, 400, 404): no team name, no figures. */
export function barePage(title: string, message: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · gapdesk</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main><section><h1>${title}</h1><p>${message}</p></section></main>
</body>
</html>
`.html;
}

import { type Html, html } from '../html.js';

/**
 * An SVG chart as an <img> with a data: URI. Each vega SVG numbers its clip paths from 1, so
 * two of them inline in one page would share ids; as images each keeps its own document.
 */
export function chartImage(svg: string, alt: string): Html {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return html`<div class="chart"><img src="${src}" alt="${alt}" style="width:100%;height:auto"></div>`;
}

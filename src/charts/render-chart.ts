import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DigestData } from '../domain/digest/digest-schema.js';
import { CHART_FONT, gapChartSpec } from './gap-chart-spec.js';

/** Pixel density of the PNG: 2× the layout size, sharp on high-DPI screens. */
export const CHART_SCALE = 2;

// vega-lite warns on stdout about harmless legend merges; the chart test checks the output instead.
const SILENT = {
  level: () => SILENT,
  error: () => SILENT,
  warn: () => SILENT,
  info: () => SILENT,
  debug: () => SILENT,
} as unknown as NonNullable<NonNullable<Parameters<typeof compile>[1]>['logger']>;

/** The gap chart as SVG text: Vega renders headless (renderer 'none'), no browser, no canvas. */
export function renderGapChartSvg(digest: DigestData): Promise<string> {
  return renderChartSvg(gapChartSpec(digest));
}

/** Any of our Vega-Lite specs as SVG text, headless like the gap chart. */
export async function renderChartSvg(vegaLite: TopLevelSpec): Promise<string> {
  const { spec } = compile(vegaLite, { logger: SILENT });
  const view = new View(parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The gap chart as a PNG (resvg, prebuilt; fonts from the system with DejaVu Sans pinned). */
export async function renderGapChartPng(digest: DigestData): Promise<Buffer> {
  const svg = await renderGapChartSvg(digest);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: 'white',
  });
  return resvg.render().asPng();
}

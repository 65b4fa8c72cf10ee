/** One scenario's outcome: the row `npm run chaos` prints. */
export type ScenarioResult = {
  scenario: string;
  sent: number;
  acknowledged: number;
  faults: number;
  lost: number;
  duplicated: number;
  wrong: number;
  /** What went wrong, one line each, printed under the table (first few only). */
  notes: string[];
};

const COLUMNS = ['scenario', 'sent', 'acknowledged', 'faults', 'lost', 'duplicated', 'wrong'] as const;

export function formatTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((result) => COLUMNS.map((column) => String(result[column])));
  const widths = COLUMNS.map((column, i) =>
    Math.max(column.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(COLUMNS),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

export function failed(result: ScenarioResult): boolean {
  return result.lost > 0 || result.duplicated > 0 || result.wrong > 0;
}

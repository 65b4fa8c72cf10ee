import type { LogLine } from './gapdesk-process.js';

/** One mutated request as it was answered: its kind, its x-request-id, the status, how long it took. */
export type Answer = { kind: string; id: string; status: number; ms: number };

/**
 * The bad-input checks both platforms share, one line per thing found wrong: no answer is a 2xx,
 * a 5xx or missing; each refusal is logged once ("request refused" under its x-request-id); no
 * log line carries a payload (each payload holds `marker`); no table gained a row.
 */
export function refusalProblems(options: {
  answers: readonly Answer[];
  lines: readonly LogLine[];
  marker: string;
  rowsBefore: Record<string, number>;
  rowsAfter: Record<string, number>;
}): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(options.rowsAfter))
    if (rows !== options.rowsBefore[table])
      problems.push(`${table}: ${options.rowsBefore[table]} rows before, ${rows} after`);
  const refusedLines = new Map<string, number>();
  for (const line of options.lines) {
    if (JSON.stringify(line).includes(options.marker))
      problems.push(`a log line carries a payload: ${String(line.msg).slice(0, 80)}`);
    if (line.msg === 'request refused' && typeof line.requestId === 'string')
      refusedLines.set(line.requestId, (refusedLines.get(line.requestId) ?? 0) + 1);
  }
  for (const { kind, status, id } of options.answers) {
    if (status === 0 || status >= 500) problems.push(`${kind}: answered ${status || 'no answer'}`);
    else if (status < 400) problems.push(`${kind}: accepted (${status})`);
    else if ((refusedLines.get(id) ?? 0) !== 1)
      problems.push(`${kind}: refusal logged ${refusedLines.get(id) ?? 0} times`);
  }
  return problems;
}

/** "kind 401/403; …": the statuses each kind of mutation got. */
export function answersByKind(answers: readonly Answer[]): string {
  const byKind = new Map<string, Set<number>>();
  for (const { kind, status } of answers) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(status));
  return [...byKind].map(([kind, set]) => `${kind} ${[...set].join('/')}`).join('; ');
}

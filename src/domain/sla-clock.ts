import { addBusinessMillis, type BusinessCalendar, businessMillisBetween } from './business-calendar.js';
import { businessMinutes } from './duration.js';
import type { SlaTargetText } from './team.js';

/** Share of the target after which the team is warned. */
export const SLA_WARNING_FRACTION = 0.8;

const MINUTE_MS = 60_000;

/** A stretch of waiting on the requester; `to: null` means still waiting. */
export type SlaPause = { from: Date; to: Date | null };

export type SlaTimeline = {
  filedAt: Date;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
  pauses: readonly SlaPause[];
};

export type SlaInput = { calendar: BusinessCalendar; targets: SlaTargetText; timeline: SlaTimeline };

/**
 * met: completed within target. breached: completed late, or still open past its due time.
 * paused: open, within target, waiting on the requester. running: open, within target, ticking.
 */
export type SlaClockState = 'running' | 'paused' | 'met' | 'breached';

export type SlaClock = {
  targetMinutes: number;
  /** Business minutes used, pauses excluded, up to completion or `now`. */
  elapsedMinutes: number;
  /** When the target is (or was) used up; null while paused before reaching it. */
  dueAt: Date | null;
  /** When 80 % of the target is (or was) used up; null while paused before reaching it. */
  warnAt: Date | null;
  completedAt: Date | null;
  paused: boolean;
  breached: boolean;
  state: SlaClockState;
};

export type SlaStatus = { acknowledge: SlaClock; resolve: SlaClock };

export type SlaPhase = 'none' | 'warning' | 'breach';

type Span = { start: number; end: number };
/** An active span with the business time it holds. */
type ActiveSpan = Span & { businessMs: number };

/**
 * Both SLA clocks of a request as they stand at `now`. Both start at filing; pauses stop both.
 * Resolving counts as acknowledging if no acknowledgement was recorded. Events after `now` are
 * ignored, so a past `now` replays history. A request completed exactly at its due time met
 * the target; an open one at its due time is breached.
 */
export function computeSla(input: SlaInput, now: Date): SlaStatus {
  const { calendar, targets, timeline } = input;
  const resolvedAt = timeline.resolvedAt ?? null;
  const clock = (target: string, completedAt: Date | null): SlaClock =>
    computeClock(calendar, businessMinutes(target, calendar.window), timeline, completedAt, now);
  return {
    acknowledge: clock(targets.acknowledge, timeline.acknowledgedAt ?? resolvedAt),
    resolve: clock(targets.resolve, resolvedAt),
  };
}

/**
 * Which alert is due for a clock at `now`: 'breach' from its due time, 'warning' from its
 * warning time, else 'none'. A completed clock needs no alert; neither does a paused one that
 * had not reached the mark when it paused.
 */
export function slaPhase(clock: SlaClock, now: Date): SlaPhase {
  if (clock.completedAt) return 'none';
  if (clock.dueAt && now.getTime() >= clock.dueAt.getTime()) return 'breach';
  if (clock.warnAt && now.getTime() >= clock.warnAt.getTime()) return 'warning';
  return 'none';
}

function computeClock(
  calendar: BusinessCalendar,
  targetMinutes: number,
  timeline: SlaTimeline,
  completedAt: Date | null,
  now: Date,
): SlaClock {
  const nowMs = now.getTime();
  const filedMs = Math.min(timeline.filedAt.getTime(), nowMs);
  const completedMs =
    completedAt && completedAt.getTime() <= nowMs ? Math.max(completedAt.getTime(), filedMs) : null;
  const endMs = completedMs ?? nowMs;
  const pauses = mergedPauses(timeline.pauses, filedMs, endMs);
  const paused =
    completedMs === null &&
    timeline.pauses.some(
      (pause) => pause.from.getTime() <= nowMs && (pause.to === null || pause.to.getTime() > nowMs),
    );
  const active = activeSpans(filedMs, endMs, pauses).map((span) => ({
    ...span,
    businessMs: businessMillisBetween(calendar, new Date(span.start), new Date(span.end)),
  }));

  const elapsedMs = active.reduce((sum, span) => sum + span.businessMs, 0);
  const targetMs = Math.round(targetMinutes * MINUTE_MS);
  // Time keeps running after completion for the purpose of "when was it due"; not while paused.
  const tailFrom = paused ? null : endMs;
  const dueAt = instantAfter(calendar, active, tailFrom, targetMs);
  const warnAt = instantAfter(calendar, active, tailFrom, Math.round(targetMs * SLA_WARNING_FRACTION));
  const breached = completedMs === null ? elapsedMs >= targetMs : elapsedMs > targetMs;

  return {
    targetMinutes,
    elapsedMinutes: elapsedMs / MINUTE_MS,
    dueAt,
    warnAt,
    completedAt: completedMs === null ? null : new Date(completedMs),
    paused,
    breached,
    state: stateOf(completedMs !== null, breached, paused),
  };
}

function stateOf(completed: boolean, breached: boolean, paused: boolean): SlaClockState {
  if (breached) return 'breached';
  if (completed) return 'met';
  return paused ? 'paused' : 'running';
}

/** Pauses clipped to [filed, end], sorted, overlaps merged; an open pause runs to `end`. */
function mergedPauses(pauses: readonly SlaPause[], filedMs: number, endMs: number): Span[] {
  const clipped = pauses
    .map((pause) => ({
      start: Math.max(pause.from.getTime(), filedMs),
      end: Math.min(pause.to?.getTime() ?? endMs, endMs),
    }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of clipped) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** [filed, end] minus the pauses. */
function activeSpans(filedMs: number, endMs: number, pauses: Span[]): Span[] {
  const spans: Span[] = [];
  let cursor = filedMs;
  for (const pause of pauses) {
    if (pause.start > cursor) spans.push({ start: cursor, end: pause.start });
    cursor = Math.max(cursor, pause.end);
  }
  if (endMs > cursor) spans.push({ start: cursor, end: endMs });
  return spans;
}

/**
 * The instant `targetMs` of business time is used up, spending the active spans in order and
 * then open-ended time from `tailFrom`; null if it is not reached and there is no tail.
 */
function instantAfter(
  calendar: BusinessCalendar,
  active: ActiveSpan[],
  tailFrom: number | null,
  targetMs: number,
) {
  let remaining = targetMs;
  for (const span of active) {
    if (remaining <= span.businessMs) return addBusinessMillis(calendar, new Date(span.start), remaining);
    remaining -= span.businessMs;
  }
  return tailFrom === null ? null : addBusinessMillis(calendar, new Date(tailFrom), remaining);
}

import type { Dimension } from '../dimensions.js';

/** Plain-language number formats shared by every renderer, so Slack, Teams and text agree. */

export function signed(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value < 0 ? '−' : '+'}${text}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function percentPoints(delta: number): string {
  const points = Math.round(delta * 100);
  return `${points < 0 ? '−' : '+'}${Math.abs(points)} pts`;
}

/** Business minutes as "45m", "3h 20m", "2d 1h" (d = 24 h of business time shown as hours). */
export function duration(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded}m`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

export function hours(value: number): string {
  return value < 10 ? `${value.toFixed(1)} h` : `${Math.round(value)} h`;
}

export function dimensionLabel(dimension: Dimension): string {
  return dimension.charAt(0).toUpperCase() + dimension.slice(1);
}

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function hourRange(hour: number): string {
  const pad = (h: number) => String(h).padStart(2, '0');
  return `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A moment as a reader in `zone` sees it: English short names, 24-hour clock. */
export type LocalTime = {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
};

// Formatters are costly to build and cheap to reuse: one per timezone, kept. Messages and cards
// show several moments each, and luxon (which builds a DateTime and works out the zone offset
// for every one) was a twentieth of gapdesk's CPU per Slack request.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

// A request's card shows the same few moments (filed, needed by, due) every time it is drawn.
const recent = new Map<string, Readonly<LocalTime>>();
const MAX_RECENT = 10_000;
const MINUTE_MS = 60_000;

/**
 * `at` in the IANA timezone `zone`, to the minute (an unknown zone throws a RangeError, as Intl
 * does).
 */
export function localTime(at: Date, zone: string): Readonly<LocalTime> {
  const key = `${zone} ${Math.floor(at.getTime() / MINUTE_MS)}`;
  let local = recent.get(key);
  if (!local) {
    const parts: LocalTime = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
    for (const part of formatterFor(zone).formatToParts(at)) {
      if (part.type in parts) parts[part.type as keyof LocalTime] = part.value;
    }
    local = Object.freeze(parts);
    if (recent.size >= MAX_RECENT) recent.clear();
    recent.set(key, local);
  }
  return local;
}

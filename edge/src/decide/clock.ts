const formatters = new Map<string, Intl.DateTimeFormat | null>();
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Hour and weekday where the visitor is, from the IANA zone the browser reports. Formatters
 * are costly to build, so one is kept per zone; an unknown zone falls back to the edge's
 * own zone hint, then UTC.
 */
export function localTime(now: number, ...zones: (string | undefined)[]): { hour: number; weekday: string } {
  for (const zone of zones) {
    const fmt = zone ? formatter(zone) : null;
    if (!fmt) continue;
    let hour = 0;
    let weekday = 'sun';
    for (const part of fmt.formatToParts(now)) {
      if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'weekday') weekday = part.value.toLowerCase().slice(0, 3);
    }
    return { hour, weekday };
  }
  const d = new Date(now);
  return { hour: d.getUTCHours(), weekday: WEEKDAYS[d.getUTCDay()] };
}

function formatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    if (formatters.size > 500) formatters.clear(); // zones are few; bound it against junk input anyway
    try {
      formatters.set(zone, new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }));
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone) ?? null;
}

/**
 * A minimal iCalendar (RFC 5545) writer for expiry reminders: one VCALENDAR of VEVENTs, each with an
 * optional display alarm. Pure: no clock or I/O (the caller passes `now`). Text is escaped (§3.3.11),
 * lines end in CRLF and are folded at 75 octets without splitting a UTF-8 sequence (§3.1).
 */

export interface CalendarEvent {
  /** Globally unique and stable, so importing the same reminder again updates it. */
  uid: string;
  /** When the event happens (epoch ms, written in UTC). */
  start: number;
  summary: string;
  description?: string;
  /** A display alarm this many seconds before `start` (0: at `start`); none when undefined. */
  alarmBeforeSeconds?: number;
}

export interface Calendar {
  /** PRODID, e.g. `-//DCE Token Console//Issued tokens//EN`. */
  prodId: string;
  /** Shown as the calendar's name by clients that read X-WR-CALNAME. */
  name?: string;
  events: CalendarEvent[];
}

const MAX_OCTETS = 75;
const CRLF = "\r\n";

const octets = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/** One content line folded: at most 75 octets per physical line, continuations start with a space. */
export function foldLine(line: string): string {
  // At most 3 octets per UTF-16 unit (a 4-octet character is two units).
  if (line.length * 3 <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let used = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < line.length;) {
    const codePoint = line.codePointAt(i)!;
    const size = octets(codePoint);
    if (used + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      used = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    used += size;
    i += codePoint > 0xffff ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join(`${CRLF} `);
}

/** A TEXT value: `\`, `;`, `,` and newlines escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** A UTC DATE-TIME: `20260304T140509Z`. */
export function formatDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]|\.\d{3}/g, "");
}

/** A DURATION, e.g. `-P1D`, `-PT1H`, `PT0S`, `-PT1H30M`. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  let rest = Math.abs(Math.round(seconds));
  if (rest === 0) return "PT0S";
  if (rest % 86_400 === 0) return `${sign}P${rest / 86_400}D`;
  const days = Math.floor(rest / 86_400);
  rest %= 86_400;
  const time = [
    [Math.floor(rest / 3600), "H"],
    [Math.floor((rest % 3600) / 60), "M"],
    [rest % 60, "S"],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join("");
  return `${sign}P${days ? `${days}D` : ""}T${time}`;
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${formatDateTime(event.start)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // A reminder, not a meeting: it does not make anyone look busy.
  lines.push("TRANSP:TRANSPARENT");
  if (event.alarmBeforeSeconds !== undefined) {
    lines.push(
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:${formatDuration(-event.alarmBeforeSeconds)}`,
      "END:VALARM",
    );
  }
  lines.push("END:VEVENT");
  return lines;
}

/** The whole calendar as text: CRLF after every line, the last one included. */
export function buildCalendar(calendar: Calendar, now: number): string {
  const stamp = formatDateTime(now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${calendar.prodId}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...(calendar.name ? [`X-WR-CALNAME:${escapeText(calendar.name)}`] : []),
    ...calendar.events.flatMap((event) => eventLines(event, stamp)),
    "END:VCALENDAR",
  ];
  return lines.map((line) => `${foldLine(line)}${CRLF}`).join("");
}

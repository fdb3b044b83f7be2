import { describe, expect, it } from "vitest";
import {
  buildCalendar,
  escapeText,
  foldLine,
  formatDateTime,
  formatDuration,
  type CalendarEvent,
} from "@/lib/ledger/ics";
import { alarmBefore, remindersCalendar } from "@/lib/ledger/reminder";

const NOW = Date.UTC(2026, 2, 4, 14, 5, 9, 456);
const octets = (s: string) => new TextEncoder().encode(s).length;
/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });
  it("keeps colons and quotes, drops control characters", () => {
    expect(escapeText('ns: "x"\u0007\u0000\tend')).toBe('ns: "x"\tend');
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone", () => {
    const line = `SUMMARY:${"x".repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });
  it("folds longer lines at 75 octets, continuations starting with one space", () => {
    const line = `DESCRIPTION:${"abcdefghij".repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBe(3);
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(octets(physical[0]!)).toBe(75);
    expect(physical.slice(1).every((p) => p.startsWith(" ") && !p.startsWith("  "))).toBe(true);
    expect(unfold(folded)).toBe(line);
  });
  it("never splits a multi-octet UTF-8 character", () => {
    const line = `SUMMARY:${"é".repeat(40)}🔑${"ü".repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      // A split sequence would not round-trip through UTF-8.
      expect(new TextDecoder().decode(new TextEncoder().encode(part))).toBe(part);
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe("formatDateTime and formatDuration", () => {
  it("writes UTC date-times without fractions", () => {
    expect(formatDateTime(NOW)).toBe("20260304T140509Z");
  });
  it.each([
    [-86_400, "-P1D"],
    [-3600, "-PT1H"],
    [0, "PT0S"],
    [-5400, "-PT1H30M"],
    [90_061, "P1DT1H1M1S"],
  ])("%i s is %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: "e1@dce-token-console",
  start: NOW + 86_400_000,
  summary: "DCE token expires: CI, deploys; to \\prod",
  description: "line one\nline two",
  alarmBeforeSeconds: 3600,
  ...over,
});

describe("buildCalendar", () => {
  const text = buildCalendar(
    { prodId: "-//Test//EN", name: "Expiries", events: [event(), event({ uid: "e2" })] },
    NOW,
  );

  it("ends every line with CRLF and has no bare LF or CR", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("keeps every physical line within 75 octets", () => {
    for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it("is one VCALENDAR with one VEVENT per event, each with UID, DTSTAMP, DTSTART and an alarm", () => {
    const lines = unfold(text).split("\r\n").slice(0, -1);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("PRODID:-//Test//EN");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual([
      "UID:e1@dce-token-console",
      "UID:e2",
    ]);
    expect(lines.filter((l) => l === "DTSTAMP:20260304T140509Z")).toHaveLength(2);
    expect(lines.filter((l) => l === "DTSTART:20260305T140509Z")).toHaveLength(2);
    expect(lines.filter((l) => l === "TRIGGER:-PT1H")).toHaveLength(2);
    expect(lines).toContain("SUMMARY:DCE token expires: CI\\, deploys\\; to \\\\prod");
    expect(lines).toContain("DESCRIPTION:line one\\nline two");
  });

  it("writes no alarm when there is none", () => {
    const plain = buildCalendar(
      { prodId: "-//Test//EN", events: [event({ alarmBeforeSeconds: undefined })] },
      NOW,
    );
    expect(plain).not.toContain("VALARM");
  });
});

describe("reminders for ledger entries", () => {
  const entry = {
    id: "0b5f3c1e-8a7d-4c2b-9e1f-3a4b5c6d7e8f",
    tokenId: "jti-123",
    fingerprint: "fp-abc",
    issuedScope: { projects: [{ project: "demo" }] },
    issuedAt: NOW - 3600_000,
    note: "CI deploys, nightly",
  };

  it("one event per token with an expiry, none for a token that never expires", () => {
    const { events, text } = remindersCalendar(
      [
        { ...entry, expiresAt: NOW + 3 * 86_400_000 },
        { ...entry, id: "other", expiresAt: null },
      ],
      NOW,
    );
    expect(events).toBe(1);
    const lines = unfold(text).split("\r\n");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines).toContain(`UID:${entry.id}@dce-token-console`);
    expect(lines).toContain("SUMMARY:DCE token expires: CI deploys\\, nightly");
    const description = lines.find((l) => l.startsWith("DESCRIPTION:A Direct"))!;
    expect(description).toContain("Project demo: everything (all spaces and virtual clusters)");
    expect(description).toContain("Token id (jti): jti-123");
    expect(description).toContain("Fingerprint (SHA-256): fp-abc");
  });

  it("summarises the scope when there is no note", () => {
    const { text } = remindersCalendar(
      [{ ...entry, note: null, issuedScope: null, expiresAt: NOW + 60_000 }],
      NOW,
    );
    expect(unfold(text)).toContain("SUMMARY:DCE token expires: Unrestricted token\r\n");
  });

  it.each([
    [30 * 86_400, 86_400],
    [2 * 86_400, 86_400],
    [86_400, 3600],
    [2 * 3600, 3600],
    [3600, 0],
    [null, 86_400],
  ])("a token living %s s is reminded %i s before", (lifetime, before) => {
    expect(alarmBefore(lifetime)).toBe(before);
  });
});

// What counts as a time, in every place a person types or uploads one: uploads'
// timestamp columns and the CLI's --since/--until.

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const UNIX_SECONDS = /^\d{9,10}(?:\.\d{1,9})?$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;
const EARLIEST = Date.UTC(1970, 0, 2);
const LATEST = Date.UTC(2200, 0, 1);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What a timestamp column may hold, said in every rejection of one. */
export const TIMESTAMP_FORMATS =
  'Use ISO 8601 like 2026-11-28T14:05:00Z or 2026-11-28 (a time without a zone is UTC), or Unix time: seconds (9–10 digits, as a number or digits only) or milliseconds (12–13 digits).';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A timestamp, strictly: ISO 8601 (a date, or a date and time with an
 * optional zone; without one it is UTC, whatever the server's zone) with a
 * real calendar date, or Unix seconds (9–10 digits, a fraction allowed) or
 * milliseconds (12–13 digits). Anything else, "0" or "Call 5" included, is no
 * date at all: `why` says what is wrong when it can be said more precisely.
 * Dates before 1970-01-02 or from 2200 on are refused as typos.
 */
export function readTimestamp(raw: string): { ok: true; date: Date } | { ok: false; why: string | null } {
  const s = raw.trim();
  let t: number;
  if (UNIX_SECONDS.test(s)) t = Math.round(Number(s) * 1000);
  else if (UNIX_MILLISECONDS.test(s)) t = Number(s);
  else {
    const m = ISO_8601.exec(s);
    if (!m) return { ok: false, why: /^\d+$/.test(s) ? `${s.length} digits are neither Unix seconds (9–10) nor milliseconds (12–13)` : null };
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
    const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number];
    if (month < 1 || month > 12) return { ok: false, why: `there is no month ${month}` };
    if (day < 1 || day > daysIn(year, month)) return { ok: false, why: `${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days` };
    if (hour > 23 || minute > 59 || second > 59) return { ok: false, why: `${h}:${mi}:${sec} is not a time of day (00:00:00–23:59:59)` };
    let offsetMinutes = 0;
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || '0')];
      if (oh > 23 || om > 59) return { ok: false, why: `${zone} is not a time zone offset` };
      offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
    }
    t = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.slice(0, 3).padEnd(3, '0'))) - offsetMinutes * 60_000;
  }
  if (!(t >= EARLIEST && t < LATEST)) return { ok: false, why: 'it is before 1970-01-02 or after 2199' };
  return { ok: true, date: new Date(t) };
}

/** ISO 8601 (a time without zone is UTC), or Unix seconds or milliseconds; null for anything else. */
export function parseTimestamp(raw: string): Date | null {
  const r = readTimestamp(raw);
  return r.ok ? r.date : null;
}

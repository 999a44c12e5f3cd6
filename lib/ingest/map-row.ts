import { hasNul, NUL_REASON } from '@/lib/schemas/stored-text';
import { MAPPING_FIELDS, type TColumnMapping, type TStagedRow } from '@/lib/schemas/ingest';
import { ingestConfig } from './config';
import { tooLongReason } from './parse-file';
import { cutText, hasLoneSurrogate, LONE_SURROGATE_REASON, toWellFormed } from './well-formed';

const ALIASES: Record<(typeof MAPPING_FIELDS)[number], string[]> = {
  text: ['text', 'transcript', 'body', 'content', 'message', 'conversation', 'utterance'],
  externalId: ['id', 'external_id', 'externalid', 'transcript_id', 'call_id', 'conversation_id', 'ticket_id'],
  occurredAt: ['occurred_at', 'occurredat', 'timestamp', 'time', 'date', 'datetime', 'created_at', 'started_at', 'start_time'],
  channel: ['channel', 'medium', 'source'],
  agent: ['agent', 'agent_name', 'agent_id', 'handled_by'],
  queue: ['queue', 'team', 'skill', 'queue_name'],
  customerId: ['customer', 'customer_id', 'customerid', 'account', 'account_id', 'client_id'],
};

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** A first guess at the mapping from column names; the user confirms it. Null when no column looks like text. */
export function guessMapping(columns: readonly string[]): Partial<TColumnMapping> {
  const out: Partial<Record<(typeof MAPPING_FIELDS)[number], string>> = {};
  const used = new Set<string>();
  for (const field of MAPPING_FIELDS) {
    const hit = columns.find((c) => !used.has(c) && ALIASES[field].includes(norm(c)));
    if (hit) {
      out[field] = hit;
      used.add(hit);
    }
  }
  if (!out.text && columns.length === 1 && columns[0]) out.text = columns[0];
  return out;
}

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

/** Why `raw` is not a timestamp, as a rejection says it; null when it is one. */
export function timestampProblem(raw: string, column?: string | null): string | null {
  const r = readTimestamp(raw);
  return r.ok ? null : notADate(raw, column, r.why);
}

const notADate = (raw: string, column: string | null | undefined, why: string | null) =>
  `"${cutText(toWellFormed(raw.trim()), 60)}"${column ? ` in "${column}"` : ''} is not a date${why ? `: ${why}` : ''}. ${TIMESTAMP_FORMATS}`;

const SHORT_FIELD = 500;

export type MapResult = { ok: true; row: TStagedRow } | { ok: false; reason: string };

/**
 * A record becomes a row to classify, or a reason to reject it that says what to fix.
 * Unmapped columns become metadata.
 */
export function mapRecord(line: number, record: Record<string, string>, mapping: TColumnMapping, defaultOccurredAt: Date): MapResult {
  const text = (record[mapping.text] ?? '').trim();
  if (!(mapping.text in record)) return { ok: false, reason: `The row has no "${mapping.text}" column.` };
  if (!text) return { ok: false, reason: `The text ("${mapping.text}") is empty.` };
  if (text.length > ingestConfig.INGEST_MAX_TEXT_CHARS) return { ok: false, reason: tooLongReason(text.length) };
  for (const [column, value] of Object.entries(record)) {
    if (hasNul(value) || hasNul(column)) return { ok: false, reason: `"${column.replace(/\u0000/g, '')}" ${NUL_REASON}.` };
    if (hasLoneSurrogate(value) || hasLoneSurrogate(column)) return { ok: false, reason: `"${toWellFormed(column)}" ${LONE_SURROGATE_REASON}.` };
  }

  const pick = (field: Exclude<keyof TColumnMapping, 'text'>): string | null => {
    const col = mapping[field];
    const v = col ? (record[col] ?? '').trim() : '';
    return v ? v : null;
  };
  for (const field of ['externalId', 'channel', 'agent', 'queue', 'customerId'] as const) {
    const v = pick(field);
    if (v && v.length > SHORT_FIELD) return { ok: false, reason: `"${mapping[field]}" is ${v.length} characters; at most ${SHORT_FIELD}. Is the right column mapped?` };
  }
  let occurredAt = defaultOccurredAt;
  const rawTime = pick('occurredAt');
  if (rawTime) {
    const t = readTimestamp(rawTime);
    if (!t.ok) return { ok: false, reason: notADate(rawTime, mapping.occurredAt, t.why) };
    occurredAt = t.date;
  }
  const mapped = new Set(MAPPING_FIELDS.map((f) => mapping[f]).filter(Boolean));
  const metadata: Record<string, string> = {};
  // The API's JSON body puts its `metadata` object's keys as `metadata.KEY` (so they cannot collide with text, id, …): store them as KEY.
  for (const [k, v] of Object.entries(record)) {
    if (mapped.has(k) || v === '') continue;
    const key = k.startsWith('metadata.') && k.length > 9 ? k.slice(9) : k;
    metadata[key] = cutText(v, 2000);
  }
  return {
    ok: true,
    row: {
      line,
      text,
      externalId: pick('externalId'),
      occurredAt: occurredAt.toISOString(),
      channel: pick('channel'),
      agent: pick('agent'),
      queue: pick('queue'),
      customerId: pick('customerId'),
      metadata,
    },
  };
}

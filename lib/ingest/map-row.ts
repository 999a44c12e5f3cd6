import { hasNul, NUL_REASON } from '@/lib/schemas/stored-text';
import { MAPPING_FIELDS, type TColumnMapping, type TStagedRow } from '@/lib/schemas/ingest';
import { ingestConfig } from './config';
import { tooLongReason } from './parse-file';
import { readTimestamp, TIMESTAMP_FORMATS } from '@/lib/text/timestamp';
import { cutText, hasLoneSurrogate, LONE_SURROGATE_REASON, toWellFormed } from '@/lib/text/well-formed';

export { parseTimestamp, readTimestamp, TIMESTAMP_FORMATS } from '@/lib/text/timestamp';

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

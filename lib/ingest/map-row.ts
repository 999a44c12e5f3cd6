import { hasNul, NUL_REASON } from '@/lib/schemas/stored-text';
import { MAPPING_FIELDS, type TColumnMapping, type TStagedRow } from '@/lib/schemas/ingest';
import { ingestConfig } from './config';
import { tooLongReason } from './parse-file';

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

const NAIVE_DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** ISO 8601 (a time without zone is UTC), or Unix seconds or milliseconds. */
export function parseTimestamp(raw: string): Date | null {
  const s = raw.trim();
  let d: Date;
  if (/^\d{9,10}(\.\d+)?$/.test(s)) d = new Date(Number(s) * 1000);
  else if (/^\d{12,13}$/.test(s)) d = new Date(Number(s));
  else if (NAIVE_DATE.test(s)) d = new Date(`${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00:00' : ''}Z`);
  else d = new Date(s);
  const t = d.getTime();
  return Number.isFinite(t) && t > Date.UTC(1970, 0, 2) && t < Date.UTC(2200, 0, 1) ? d : null;
}

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
  for (const [column, value] of Object.entries(record)) if (hasNul(value) || hasNul(column)) return { ok: false, reason: `"${column.replace(/\u0000/g, '')}" ${NUL_REASON}.` };

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
    const d = parseTimestamp(rawTime);
    if (!d) return { ok: false, reason: `"${rawTime.slice(0, 60)}" in "${mapping.occurredAt}" is not a date. Use ISO 8601 like 2026-11-28T14:05:00Z, or Unix seconds.` };
    occurredAt = d;
  }
  const mapped = new Set(MAPPING_FIELDS.map((f) => mapping[f]).filter(Boolean));
  const metadata: Record<string, string> = {};
  // The API's JSON body puts its `metadata` object's keys as `metadata.KEY` (so they cannot collide with text, id, …): store them as KEY.
  for (const [k, v] of Object.entries(record)) {
    if (mapped.has(k) || v === '') continue;
    const key = k.startsWith('metadata.') && k.length > 9 ? k.slice(9) : k;
    metadata[key] = v.length > 2000 ? v.slice(0, 2000) : v;
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

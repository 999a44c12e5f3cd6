import { beforeAll, describe, expect, it } from 'vitest';
import { ZRedactResponse } from '@/lib/schemas/redact';

// Integration: the exported route handler against a real, migrated database
// (lib/testing/setup-db.ts gives this file its own), with real API keys.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { POST, GET } = await import('./route');

let key = '';
let readKey = '';
const noParams = { params: Promise.resolve({}) };

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request('http://localhost/v2/redact', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    noParams,
  );
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] }; request_id: string };
  expect(body.request_id).toMatch(/^req_/);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  key = (await createApiKey(db, { name: 'inference', scopes: ['inference'] })).key;
  readKey = (await createApiKey(db, { name: 'read only', scopes: ['read'] })).key;
}, 120_000);

const CALL = 'Hi, my name is Anna Svensson, personnummer 811218-9876. Mail anna.svensson@gmail.com or call 070-123 45 67 about order 4521987 (349 kr, 2024-03-05).';

describe('POST /v2/redact', () => {
  it('answers one result per text: the redacted text and each entity with offsets into the original', async () => {
    const res = await post({ texts: [CALL, 'Nothing personal: INC-123456, $1,299.50.', ''] });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = ZRedactResponse.parse(await res.json());
    expect(body.request_id).toMatch(/^req_/);
    expect(body.results).toHaveLength(3);
    const [call, plain, empty] = body.results;
    expect(call!.text).toBe('Hi, my name is [NAME], personnummer [NATIONAL_ID]. Mail [EMAIL] or call [PHONE] about order 4521987 (349 kr, 2024-03-05).');
    expect(call!.entities.map((e) => [e.type, CALL.slice(e.start, e.end)])).toEqual([
      ['NAME', 'Anna Svensson'],
      ['NATIONAL_ID', '811218-9876'],
      ['EMAIL', 'anna.svensson@gmail.com'],
      ['PHONE', '070-123 45 67'],
    ]);
    expect(plain).toEqual({ text: 'Nothing personal: INC-123456, $1,299.50.', entities: [] });
    expect(empty).toEqual({ text: '', entities: [] });
  });

  it('finds only the types asked for', async () => {
    const res = await post({ texts: [CALL], types: ['EMAIL', 'PHONE'] });
    const body = ZRedactResponse.parse(await res.json());
    expect(body.results[0]!.entities.map((e) => e.type)).toEqual(['EMAIL', 'PHONE']);
    expect(body.results[0]!.text).toContain('Anna Svensson, personnummer 811218-9876');
  });

  it('offsets count UTF-16 code units, as JavaScript strings do', async () => {
    const text = '😀 anna@example.se';
    const body = ZRedactResponse.parse(await (await post({ texts: [text] })).json());
    expect(body.results[0]!.entities).toEqual([{ type: 'EMAIL', start: 3, end: 18 }]);
  });

  it('400: body is not JSON', async () => {
    const res = await post('{"texts": [');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/not valid JSON/);
  });

  it('400: every broken rule listed with its path, unknown fields with a suggestion', async () => {
    const res = await post({ texts: ['ok', 42, 'x'.repeat(10_001)], types: ['EMAIL', 'SSN'], type: ['EMAIL'] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.details.map((d) => d.path).sort()).toEqual(['texts[1]', 'texts[2]', 'type', 'types[1]'].sort());
    expect(error.details.find((d) => d.path === 'type')!.message).toMatch(/did you mean "types"/);
    expect(error.details.find((d) => d.path === 'types[1]')!.message).toMatch(/EMAIL, IBAN, CARD, NATIONAL_ID, IP, PHONE, NAME/);
  });

  it('400: no texts, more than 8, or no body object', async () => {
    expect((await errorOf(await post({ texts: [] }))).details.map((d) => d.path)).toEqual(['texts']);
    expect((await errorOf(await post({ texts: Array(9).fill('hi') }))).details.map((d) => d.path)).toEqual(['texts']);
    expect((await errorOf(await post({}))).details.map((d) => d.path)).toEqual(['texts']);
    expect((await post({ texts: ['hi'], types: [] })).status).toBe(400);
    expect((await post(['hi'])).status).toBe(400);
    expect((await post({ texts: ['x'.repeat(10_000)] })).status).toBe(200);
  });

  it('401: no key, or an unknown one', async () => {
    const noKey = await POST(new Request('http://localhost/v2/redact', { method: 'POST', body: JSON.stringify({ texts: ['hi'] }) }), noParams);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await errorOf(noKey)).message).toMatch(/Missing API key/);
    expect((await post({ texts: ['hi'] }, { Authorization: `Bearer ${key.slice(0, -1)}x` })).status).toBe(401);
  });

  it('403: a key without the inference scope, naming the scope', async () => {
    const res = await post({ texts: ['hi'] }, { Authorization: `Bearer ${readKey}` });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/inference/);
  });

  it('413: a body over the limit', async () => {
    const res = await post({ texts: ['x'.repeat(env.MAX_BODY_BYTES)] });
    expect(res.status).toBe(413);
  });

  it('405 for other methods, with Allow', async () => {
    const res = GET(new Request('http://localhost/v2/redact'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

// Property-based fuzzing of the public /v2 contract (hardening issue): thousands
// of generated hostile requests — JSON of the wrong shape, near-valid bodies
// with one field wrong, misspelled or unknown fields, deep nesting, huge
// strings, NULs, lone surrogates, numbers out of range, wrong content types,
// bad path ids and query parameters — through the exported handlers against a
// real database. Every answer must be a clear one: never a 5xx; every 4xx in
// the error format, small, and a 400 naming at least one path.
//
// The run is sized for `npm test` (a few thousand inputs, well under a minute
// on two cores). FUZZ_RUNS=10 multiplies the runs for a deeper local search;
// FUZZ_SEED=n replays a run (fast-check prints the seed of a failure).

// Thousands of requests from one key: the rate limit is not what is tested here.
process.env.RATE_LIMIT_PER_MINUTE = '100000000';

const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { createModel } = await import('@/lib/server/models/create-model');
const { addExamples } = await import('@/lib/server/examples/add-examples');
const { queueTraining } = await import('@/lib/server/training/queue-training');
const { promoteVersion } = await import('@/lib/server/models/promote-version');
const { runWorker } = await import('@/lib/jobs/worker');
const { fixtureTranscripts, seedFixture } = await import('@/lib/testing/transcript-fixtures');
const inference = await import('./models/inference/route');
const models = await import('./models/route');
const model = await import('./models/[id]/route');
const modelLabels = await import('./models/[id]/labels/route');
const examples = await import('./models/[id]/examples/route');
const versions = await import('./models/[id]/versions/route');
const version = await import('./models/[id]/versions/[version_id]/route');
const queue = await import('./models/[id]/labeling-queue/route');
const reclassifyJob = await import('./reclassify-jobs/[id]/route');
const transcripts = await import('./transcripts/route');
const transcript = await import('./transcripts/[id]/route');
const exportRoute = await import('./transcripts/export/route');
const corrections = await import('./transcripts/[id]/corrections/route');
const transcriptLabels = await import('./transcripts/[id]/labels/route');
const dashboard = await import('./dashboard/route');
const analyticsBreakdown = await import('./analytics/breakdown/route');
const views = await import('./views/route');
const viewRoute = await import('./views/[id]/route');

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.round(n * RUNS), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });

let key = '';
let trained = 0;
let untrained = 0;
let language = 0;
let transcriptIds: number[] = [];
const INTENTS = ['Billing', 'Network', 'Delivery'];

// ------------------------------------------------------------ the answer

let requests = 0;

/** The property every response must have: a clear answer, never a 5xx. */
async function expectClearAnswer(res: Response, what: string): Promise<void> {
  requests++;
  const text = await res.text(); // read to the end: a streamed body (the export) can still fail half-way
  if (res.status >= 500) throw new Error(`${what} → ${res.status} ${text.slice(0, 500)}`);
  if (res.status < 400) return;
  expect(text.length, `${what}: a ${text.length}-character error`).toBeLessThan(40_000);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: { path?: unknown; message?: unknown }[] }; request_id?: unknown };
  expect(body.request_id, what).toMatch(/^req_/);
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message === 'string' && body.error.message.length >= 10, `${what}: message ${JSON.stringify(body.error?.message)}`).toBe(true);
  expect(Array.isArray(body.error?.details), what).toBe(true);
  for (const d of body.error!.details!) {
    expect(typeof d.path === 'string' && d.path.length > 0 && typeof d.message === 'string' && d.message.length > 0, `${what}: detail ${JSON.stringify(d)}`).toBe(true);
  }
  if (res.status === 400) expect(body.error!.details!.length, `${what}: a 400 without a path: ${body.error!.message as string}`).toBeGreaterThan(0);
}

// ------------------------------------------------------------ requests

const hostileAuth = fc.oneof(
  { weight: 20, arbitrary: fc.constant<string | null>(null) }, // the test key
  { weight: 1, arbitrary: fc.constantFrom<string | null>('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer cs_live_x', 'bearer  x y') },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x21-\x7e]{0,80}$/).map((s) => `Bearer ${s}`) },
);

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'text/csv', 'application/x-ndjson', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', ''];

interface Call {
  method: string;
  url: string;
  body?: string | Uint8Array;
  contentType?: string;
  auth?: string | null;
}

async function send<P>(handler: Handler<P>, params: P, c: Call): Promise<void> {
  const headers: Record<string, string> = {};
  if (c.auth === undefined || c.auth === null) headers.Authorization = `Bearer ${key}`;
  else if (c.auth) headers.Authorization = c.auth;
  if (c.contentType) headers['Content-Type'] = c.contentType;
  const init: RequestInit = { method: c.method, headers };
  if (c.body !== undefined) init.body = typeof c.body === 'string' ? c.body : new Uint8Array(c.body);
  const what = `${c.method} ${c.url.slice(0, 200)} ${JSON.stringify(params)} [${c.contentType ?? ''}] ${typeof c.body === 'string' ? c.body.slice(0, 300) : c.body ? `${c.body.byteLength} bytes` : ''}`;
  await expectClearAnswer(await handler(new Request(`http://localhost${c.url}`, init), { params: Promise.resolve(params) }), what);
}

/** A path segment for the request's URL (the handler gets the raw id as its param, as from Next.js). */
const seg = (id: string) => encodeURIComponent(id.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

// ------------------------------------------------------------ hostile values

const SPECIAL_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDC00x', 'x\uDBFF', '\uFEFF', '\u202Eevil', '🙂', '\r\n', 'Billing', 'billing', '=1+1', '../../etc/passwd', '%00', 'null', 'true', '0', '-1', '1e309', 'NaN', '<script>', '__proto__', '😀'.repeat(50)];
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\uD800', '\uDFFF', '\u0000'), fc.string({ maxLength: 5 })).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 12_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 50_000, max: 300_000 }).map((n) => 'word '.repeat(n / 5)) },
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324),
);
const hostileKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '\uD800', 'a.b', '[0]', 'x'.repeat(500)));

/** Any JSON value, built from hostile leaves. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const misspell = (k: string) => fc.constantFrom(k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), k.slice(0, -1), `${k}s`, k.toUpperCase(), k.replace(/_/g, '-'));

/**
 * An object near a valid one: each field good (most often), missing, hostile
 * or misspelled, and now and then unknown fields besides. Deeper validation
 * is reached only through bodies that are mostly right.
 */
function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const parts = Object.entries(fields).map(([k, good]) =>
    fc.oneof(
      { weight: 8, arbitrary: good.map((v) => [[k, v]] as [string, unknown][]) },
      { weight: 1, arbitrary: fc.constant([] as [string, unknown][]) },
      { weight: 2, arbitrary: hostileJson.map((v) => [[k, v]] as [string, unknown][]) },
      { weight: 1, arbitrary: fc.tuple(misspell(k), good).map(([m, v]) => [[m, v]] as [string, unknown][]) },
    ),
  );
  const extra = fc.oneof({ weight: 6, arbitrary: fc.constant([] as [string, unknown][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 3 }) });
  return fc.tuple(fc.tuple(...parts), extra).map(([ps, more]) => Object.fromEntries([...ps.flat(), ...more]));
}

/** A request body: the JSON of a value, or text that is barely JSON or not at all, or bytes that are not UTF-8. */
function bodyOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  const deep = fc.tuple(fc.integer({ min: 30, max: 60_000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => open.repeat(n) + (open === '[' ? ']' : '1}').repeat(n));
  return fc.oneof(
    { weight: 14, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.tuple(value, fc.nat()).map(([v, n]) => { const s = JSON.stringify(v) ?? ''; return s.slice(0, n % (s.length + 1)); }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '[]', '{}', '"x"', '1e999', '{"a":1,}', '\uFEFF{}', '{"__proto__":{"x":1}}', 'x'.repeat(env.MAX_BODY_BYTES + 1)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}

const jsonCall = (value: fc.Arbitrary<unknown>) =>
  fc.record({
    body: bodyOf(value),
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    auth: hostileAuth,
  });

const goodText = fc.oneof(fc.constantFrom(...INTENTS).map((l) => `my ${l.toLowerCase()} problem again, please help`), fc.lorem({ maxCount: 30 }));
const modelIdChoice = () => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(trained, untrained, language, 42, 201) }, { weight: 2, arbitrary: hostileNumber }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 999_999, 2 ** 31) });
/** A path id as Next.js hands it over: a real one, or anything a URL segment can hold. */
const pathId = (real: () => number[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).map(() => String(real()[0] ?? 1)) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', ' 7 ', '', '999999999999', '2147483648', 'abc', '%00', '..', '\u0000', '\uD800', 'rc_abc', 'x'.repeat(5000)) },
    { weight: 1, arbitrary: hostileString },
  );

// ------------------------------------------------------------ setup

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  key = (await createApiKey(db, { name: 'fuzz' })).key;
  await seedFixture(db, fixtureTranscripts(30));
  transcriptIds = (await db.transcript.findMany({ select: { id: true }, take: 5 })).map((t) => t.id);
  trained = (await createModel(db, { name: 'Fuzz intent', labels: INTENTS.map((name) => ({ name })) })).id;
  untrained = (await createModel(db, { name: 'Fuzz child', parentModelId: trained, labels: [{ name: 'Wrong price', parentLabel: 'Billing' }, { name: 'Outage', parentLabel: 'Network' }] })).id;
  language = (await createModel(db, { name: 'Fuzz language', kind: 'language', labels: [{ name: 'English' }, { name: 'Swedish' }] })).id;
  const words: Record<string, string[]> = { Billing: ['invoice', 'refund', 'charged'], Network: ['signal', 'outage', 'router'], Delivery: ['parcel', 'courier', 'tracking'] };
  await addExamples(db, trained, INTENTS.flatMap((l) => Array.from({ length: 12 }, (_, i) => ({ text: `${words[l]![i % 3]} ${words[l]![(i + 1) % 3]} number ${i}`, labels: [l] }))), { source: 'api' });
  const queued = await queueTraining(db, trained, { seed: 1, epochs: 5 });
  await runWorker({ exitWhenIdle: true });
  await promoteVersion(db, trained, queued.id);
}, 120_000);

// ------------------------------------------------------------ properties

describe('fuzzing /v2: every hostile input ends in a clear answer', () => {
  it('POST /v2/models/inference', async () => {
    const setting = () => nearValid({ model_id: modelIdChoice(), max_predictions: fc.oneof(fc.integer({ min: 1, max: 5 }), hostileNumber), label_filter: fc.array(fc.oneof(fc.constantFrom(...INTENTS), hostileString), { maxLength: 6 }) });
    const body = nearValid({
      texts: fc.oneof({ weight: 4, arbitrary: fc.array(goodText, { minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 12 }) }),
      model_settings: fc.oneof({ weight: 4, arbitrary: fc.array(setting(), { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(hostileJson, { maxLength: 130 }) }),
    });
    await fc.assert(fc.asyncProperty(jsonCall(body), (c) => send(inference.POST, {}, { method: 'POST', url: '/v2/models/inference', ...c })), runs(700));
  });

  it('POST /v2/models and PATCH /v2/models/{id}', async () => {
    const label = fc.oneof(
      { weight: 3, arbitrary: fc.oneof(fc.constantFrom('A', 'B', 'C', 'Billing'), hostileString) },
      { weight: 2, arbitrary: nearValid({ name: fc.constantFrom('D', 'E', 'F'), description: fc.lorem({ maxCount: 5 }), parent_label: fc.constantFrom('Billing', 'Network', 'Nope', null) }) },
    );
    const create = nearValid({
      name: fc.oneof(fc.constant('Fuzzed model'), hostileString),
      question: fc.lorem({ maxCount: 8 }),
      multi_label: fc.boolean(),
      parent_model_id: fc.oneof(fc.constantFrom(null, trained, untrained), hostileNumber),
      labels: fc.array(label, { minLength: 1, maxLength: 6 }),
    });
    await fc.assert(fc.asyncProperty(jsonCall(create), (c) => send(models.POST, {}, { method: 'POST', url: '/v2/models', ...c })), runs(350));

    const update = nearValid({ name: hostileString, question: fc.lorem({ maxCount: 5 }), threshold: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), hostileNumber), labels: fc.array(label, { maxLength: 4 }) });
    const id = pathId(() => [trained, untrained, language]);
    await fc.assert(
      fc.asyncProperty(fc.tuple(id, jsonCall(update)), ([id, c]) => send(model.PATCH, { id }, { method: 'PATCH', url: `/v2/models/${seg(id)}`, ...c })),
      runs(300),
    );
  });

  it('POST /v2/models/{id}/examples, as JSON and as a file in every format', async () => {
    const example = nearValid({ text: goodText, labels: fc.array(fc.oneof(fc.constantFrom(...INTENTS), hostileString), { minLength: 1, maxLength: 3 }) });
    const json = nearValid({ examples: fc.oneof({ weight: 4, arbitrary: fc.array(example, { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: hostileJson }) });
    const id = pathId(() => [untrained, language, trained]);
    await fc.assert(
      fc.asyncProperty(fc.tuple(id, jsonCall(json)), ([id, c]) => send(examples.POST, { id }, { method: 'POST', url: `/v2/models/${seg(id)}/examples`, ...c })),
      runs(300),
    );

    const cell = fc.oneof(goodText, fc.constantFrom(...INTENTS, 'Wrong price|Outage', '["Outage"]', '[[[[', '"unclosed', 'a,b', ''), hostileString);
    const csv = fc.tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([rows, eol]) =>
      ['text,label', ...rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))].join(eol),
    );
    const jsonl = fc.array(fc.oneof(example.map((e) => JSON.stringify({ text: e.text, label: e.labels })), hostileJson.map((v) => JSON.stringify(v) ?? ''), hostileString), { maxLength: 6 }).map((lines) => lines.join('\n'));
    const jsonArray = fc.array(fc.oneof(nearValid({ text: goodText, label: fc.constantFrom(...INTENTS) }), hostileJson), { maxLength: 6 }).map((items) => JSON.stringify(items));
    const file = fc.oneof(csv, jsonl, jsonArray, bodyOf(hostileJson));
    const query = fc.record(
      { format: fc.oneof(fc.constantFrom('csv', 'jsonl', 'json', 'xml', ''), hostileString), text_field: fc.oneof(fc.constant('text'), hostileString), label_field: fc.oneof(fc.constant('label'), hostileString), file_name: fc.oneof(fc.constantFrom('x.csv', 'x.jsonl', 'x.json', 'x.txt', '../x', 'x'), hostileString) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(id, file, query, fc.constantFrom(...CONTENT_TYPES.filter((t) => !t.startsWith('application/json')))), ([id, body, q, contentType]) =>
        send(examples.POST, { id }, { method: 'POST', url: `/v2/models/${seg(id)}/examples?${new URLSearchParams(q as Record<string, string>)}`, body, contentType }),
      ),
      runs(300),
    );
  });

  it('GET /v2/transcripts and /v2/transcripts/export query parameters', async () => {
    const PARAMS = ['range', 'from', 'to', 'label', 'min', 'language', 'channel', 'agent', 'queue', 'q', 'page', 'size', 'sort', 'model', 'dir', 'bom', 'meta.flow', 'meta.', 'meta.\u0000', `meta.${'k'.repeat(150)}`, 'import', 'bucket', 'model_id'];
    const value = fc.oneof(
      fc.constantFrom('ij_abc', 'ij_', 'ij_ABC', 'refund', '42:uncertain', '1:out_of_scope', '42:Uncertain', 'x:uncertain', 'all', '7d', '30d', '2026-01-01', '2026-02-30', '9999-12-31', '0000-01-01', '42:Mobile', '201:Angry', '42:', ':x', '999999999999:x', '0.5', '-1', '2', '1e9', 'NaN', 'Infinity', 'chat', 'score', 'time', 'asc', 'true', '1', '200', '25', '1000001', ''),
      hostileString,
    );
    const query = fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: hostileKey }), value), { maxLength: 8 }).map((pairs) => {
      const sp = new URLSearchParams();
      for (const [k, v] of pairs) sp.append(k, v);
      return sp.toString();
    });
    await fc.assert(fc.asyncProperty(query, hostileAuth, (q, auth) => send(transcripts.GET, {}, { method: 'GET', url: `/v2/transcripts?${q}`, auth })), runs(400));
    await fc.assert(fc.asyncProperty(query, (q) => send(exportRoute.GET, {}, { method: 'GET', url: `/v2/transcripts/export?${q}` })), runs(200));
    const withModel = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(String(trained), String(language), '42') }, { weight: 1, arbitrary: hostileString }), query);
    await fc.assert(fc.asyncProperty(withModel, ([id, q]) => send(analyticsBreakdown.GET, {}, { method: 'GET', url: `/v2/analytics/breakdown?model_id=${seg(id)}&${q}` })), runs(200));
  });

  it('POST /v2/transcripts/{id}/corrections and /labels', async () => {
    const id = pathId(() => transcriptIds);
    const correction = nearValid({ model_id: modelIdChoice(), label: fc.oneof(fc.constantFrom('Mobile', 'Angry', 'Billing'), hostileString) });
    const labelBody = nearValid({ model_id: modelIdChoice(), labels: fc.array(fc.oneof(fc.constantFrom('Mobile', 'Angry', ...INTENTS), hostileString), { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.tuple(id, jsonCall(correction)), ([id, c]) => send(corrections.POST, { id }, { method: 'POST', url: `/v2/transcripts/${seg(id)}/corrections`, ...c })),
      runs(250),
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(id, jsonCall(labelBody)), ([id, c]) => send(transcriptLabels.POST, { id }, { method: 'POST', url: `/v2/transcripts/${seg(id)}/labels`, ...c })),
      runs(250),
    );
  });

  it('path ids, the labeling queue and training options on every GET and POST with an id', async () => {
    const ids = () => [trained, untrained, language];
    const id = pathId(ids);
    const routes: [string, Handler<{ id: string; version_id: string }>, string][] = [
      ['GET', model.GET as Handler<{ id: string; version_id: string }>, '/v2/models/:id'],
      ['GET', modelLabels.GET as Handler<{ id: string; version_id: string }>, '/v2/models/:id/labels'],
      ['GET', versions.GET as Handler<{ id: string; version_id: string }>, '/v2/models/:id/versions'],
      ['GET', version.GET, '/v2/models/:id/versions/:version_id'],
      ['GET', reclassifyJob.GET as Handler<{ id: string; version_id: string }>, '/v2/reclassify-jobs/:id'],
      ['GET', transcript.GET as Handler<{ id: string; version_id: string }>, '/v2/transcripts/:id'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), id, id, hostileAuth, ([method, handler, path], id, versionId, auth) =>
        send(handler, { id, version_id: versionId }, { method, url: path.replace(':id', seg(id)).replace(':version_id', seg(versionId)), auth }),
      ),
      runs(300),
    );
    const queueQuery = fc.record({ strategy: fc.oneof(fc.constantFrom('margin', 'entropy', 'random'), hostileString), limit: fc.oneof(fc.constantFrom('1', '20', '100', '101', '0', '-5', '1e2'), hostileString) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(id, queueQuery, (id, q) => send(queue.GET, { id }, { method: 'GET', url: `/v2/models/${seg(id)}/labeling-queue?${new URLSearchParams(q as Record<string, string>)}` })),
      runs(150),
    );
    const train = nearValid({ seed: fc.oneof(fc.nat(), hostileNumber), epochs: fc.oneof(fc.integer({ min: 1, max: 3 }), hostileNumber) });
    await fc.assert(
      fc.asyncProperty(pathId(() => [untrained, language, 999_999]), jsonCall(train), (id, c) => send(versions.POST, { id }, { method: 'POST', url: `/v2/models/${seg(id)}/versions`, ...c })),
      runs(150),
    );
  });

  it('PUT /v2/dashboard and POST/PATCH /v2/views', async () => {
    const admin = (await createApiKey(db, { name: 'fuzz admin', scopes: ['admin', 'read'] })).key;
    const dimension = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(String(trained), String(untrained), 'meta.flow', 'channel', 'queue', '999999', 'meta.', 'flow', '0') }, { weight: 1, arbitrary: hostileString });
    const kpi = fc.oneof(
      nearValid({ kind: fc.constant('volume'), title: fc.oneof(fc.constant('Chats'), hostileString) }),
      nearValid({ kind: fc.constant('share'), title: fc.constant('Share'), model_id: modelIdChoice(), labels: fc.array(fc.oneof(fc.constantFrom(...INTENTS), hostileString), { maxLength: 4 }), up_is: fc.constantFrom('good', 'bad', 'neutral', 'up') }),
      nearValid({ kind: fc.constantFrom('top', 'median'), title: fc.constant('Top'), model_id: modelIdChoice() }),
    );
    const layout = nearValid({
      kpis: fc.array(kpi, { maxLength: 10 }),
      breakdowns: fc.array(nearValid({ dimension, title: fc.oneof(fc.constant('X'), hostileString), chart: fc.constantFrom('bars', 'donut', 'pie'), limit: fc.oneof(fc.integer({ min: 1, max: 20 }), hostileNumber) }), { maxLength: 30 }),
      trend: nearValid({ models: fc.array(modelIdChoice(), { maxLength: 14 }) }),
      cross_tab: fc.oneof(fc.constant(null), nearValid({ rows: dimension, cols: dimension })),
      filters: fc.array(dimension, { maxLength: 26 }),
      columns: fc.array(dimension, { maxLength: 26 }),
    });
    await fc.assert(fc.asyncProperty(jsonCall(layout), (c) => send(dashboard.PUT, {}, { method: 'PUT', url: '/v2/dashboard', ...c, auth: c.auth ?? `Bearer ${admin}` })), runs(300));

    const query = fc.oneof(fc.constantFrom('range=all', 'meta.flow=refund&trend=1&rows=meta.flow', 'range=13d', 'rows=flow', 'import=x', '?', ''), hostileString);
    const view = nearValid({ name: fc.oneof(fc.constant('A view'), hostileString), path: fc.constantFrom('/', '/transcripts', '/settings'), query, is_default: fc.oneof(fc.boolean(), hostileJson) });
    await fc.assert(fc.asyncProperty(jsonCall(view), (c) => send(views.POST, {}, { method: 'POST', url: '/v2/views', ...c })), runs(200));
    const someView = (await db.savedView.findFirst({ select: { id: true } }))?.id ?? 'vw_none';
    const viewId = fc.oneof({ weight: 3, arbitrary: fc.constant(someView) }, { weight: 1, arbitrary: fc.constantFrom('vw_', 'vw_ABC', '1', '', '\u0000', 'x'.repeat(3000)) }, { weight: 1, arbitrary: hostileString });
    const update = nearValid({ name: fc.oneof(fc.constant('Renamed'), hostileString), query, is_default: fc.oneof(fc.boolean(), hostileJson) });
    await fc.assert(fc.asyncProperty(fc.tuple(viewId, jsonCall(update)), ([id, c]) => send(viewRoute.PATCH, { id }, { method: 'PATCH', url: `/v2/views/${seg(id)}`, ...c })), runs(150));
  });

  it('tried thousands of inputs', () => {
    expect(requests).toBeGreaterThan(2500 * RUNS);
    console.info(`fuzz: ${requests} requests`);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ZInferenceRequest } from '@/lib/schemas/inference';
import { ZApiModel } from '@/lib/schemas/studio-api';

// Hardening, issues 4, 7 and 8 (part): every hostile input to /v2 ends in a
// clear 4xx in the error format. One test per finding, named after it; the
// property-based sweep over the whole contract is fuzz.test.ts.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { createModel } = await import('@/lib/server/models/create-model');
const models = await import('./models/route');
const model = await import('./models/[id]/route');
const examples = await import('./models/[id]/examples/route');
const inference = await import('./models/inference/route');
const reclassifyJob = await import('./reclassify-jobs/[id]/route');
const transcript = await import('./transcripts/[id]/route');
const ingest = await import('./ingest-jobs/route');
const corrections = await import('./transcripts/[id]/corrections/route');
const { fixtureTranscripts, seedFixture } = await import('@/lib/testing/transcript-fixtures');

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[]; details_total?: number };
  request_id: string;
}

let key = '';
function call<P>(handler: Handler<P>, method: string, path: string, params: P, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${key}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string') (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  return handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
}

/** The error JSON of a response, checked for the format every 4xx shares. */
async function errorOf(res: Response, status: number): Promise<ErrorBody['error']> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  expect(body.request_id).toMatch(/^req_/);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

const deep = (depth: number, inner = '"x"') => '['.repeat(depth) + inner + ']'.repeat(depth);

let parent = 0;
let child = '';
let language = '';

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  key = (await createApiKey(db, { name: 'hardening test' })).key;
  parent = (await createModel(db, { name: 'Issue type', labels: [{ name: 'Billing' }, { name: 'Technical' }] })).id;
  child = String((await createModel(db, { name: 'Root cause', parentModelId: parent, labels: [{ name: 'Wrong price', parentLabel: 'Billing' }, { name: 'Outage', parentLabel: 'Technical' }] })).id);
  language = String((await createModel(db, { name: 'Language', kind: 'language', labels: [{ name: 'English' }, { name: 'Swedish' }] })).id);
  await seedFixture(db, fixtureTranscripts(1));
});

describe('issue 4: no 500s', () => {
  it('POST /v2/models/{id}/examples?format=json with a text/plain body {"a":1} is a 400 naming the file, not a 500', async () => {
    const res = await call(examples.POST, 'POST', `/v2/models/${child}/examples?format=json`, { id: child }, '{"a":1}', { 'Content-Type': 'text/plain' });
    const error = await errorOf(res, 400);
    expect(error.message).toMatch(/JSON file must hold an array/);
    expect(error.details).toEqual([{ path: 'file', message: expect.stringMatching(/array/) }]);
  });

  it('POST /v2/models/{id}/examples with a 50,000-deep JSON body is a 400, not a 500, as JSON and as every file format', async () => {
    const json = await call(examples.POST, 'POST', `/v2/models/${child}/examples`, { id: child }, `{"examples":${deep(50_000)}}`, { 'Content-Type': 'application/json' });
    const error = await errorOf(json, 400);
    expect(error.message).toMatch(/nested .*deep/);
    expect(error.details[0]?.path).toMatch(/^examples\[0\]\[0\]/);
    for (const [query, type, body] of [
      ['format=json', 'text/plain', `[${deep(50_000)}]`],
      ['format=json', 'text/plain', `[{"text":${deep(50_000)},"label":"Billing"}]`],
      ['format=jsonl', 'application/x-ndjson', `{"text":"hi","label":${deep(50_000)}}\n`],
      ['', 'application/octet-stream', `[{"text":"hi","label":${deep(50_000)}}]`],
    ] as const) {
      const res = await call(examples.POST, 'POST', `/v2/models/${child}/examples?${query}`, { id: child }, body, { 'Content-Type': type });
      expect(res.status, `${query} ${body.slice(0, 40)}`).toBeLessThan(500);
      expect(((await res.json()) as { request_id: string }).request_id).toMatch(/^req_/);
    }
  });
});

describe('found by the fuzz suite', () => {
  it('a text_field or label_field named __proto__ or constructor is a field the file lacks, not a 500', async () => {
    for (const q of ['label_field=__proto__', 'text_field=constructor', 'label_field=toString']) {
      const res = await call(examples.POST, 'POST', `/v2/models/${child}/examples?${q}`, { id: child }, '[{"text":"my router is broken","label":"Outage"}]', { 'Content-Type': 'text/plain' });
      const error = await errorOf(res, 400);
      expect(error.details[0]?.path).toBe(q.split('=')[0]);
      expect(error.message).toMatch(/The file has no "(__proto__|constructor|toString)" field/);
    }
  });

  it('a correction label with a NUL is a 400 naming label (PostgreSQL answered a 500, SQLite stored it)', async () => {
    const t = await db.transcript.findFirstOrThrow({ select: { id: true } });
    const tid = String(t.id);
    const res = await call(corrections.POST, 'POST', `/v2/transcripts/${tid}/corrections`, { id: tid }, { model_id: Number(language), label: 'Eng\u0000lish' });
    expect((await errorOf(res, 400)).details).toEqual([{ path: 'label', message: expect.stringMatching(/NUL character/) }]);
    expect(await db.predictionCorrection.count()).toBe(0);
  });

  it('a correction of the language model to a label it does not have is a 400 naming label (any label was stored)', async () => {
    const t = await db.transcript.findFirstOrThrow({ select: { id: true } });
    const tid = String(t.id);
    const res = await call(corrections.POST, 'POST', `/v2/transcripts/${tid}/corrections`, { id: tid }, { model_id: Number(language), label: 'Klingon' });
    expect((await errorOf(res, 400)).details).toEqual([{ path: 'label', message: 'unknown label' }]);
    expect(await db.predictionCorrection.count()).toBe(0);
    const ok = await call(corrections.POST, 'POST', `/v2/transcripts/${tid}/corrections`, { id: tid }, { model_id: Number(language), label: 'Swedish' });
    expect(ok.status).toBe(201);
  });
});

describe('found while reading the routes', () => {
  it('a JSON Lines file sent as application/jsonl (a documented type) is read as JSON Lines, not as one JSON body', async () => {
    const body = '{"text":"the router keeps dropping","label":"Outage"}\n{"text":"charged twice this month","label":"Wrong price"}\n';
    const res = await call(examples.POST, 'POST', `/v2/models/${child}/examples`, { id: child }, body, { 'Content-Type': 'application/jsonl' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 2, added: 2 });
  });

});

describe('issue 7: validation gaps', () => {
  it('POST /v2/models refuses a parent label the parent model lacks, or one with no parent model, with the path and the fix', async () => {
    const lacking = await call(models.POST, 'POST', '/v2/models', {}, { name: 'Child', parent_model_id: parent, labels: ['A', { name: 'B', parent_label: 'Nope' }] });
    const e1 = await errorOf(lacking, 400);
    expect(e1.details).toEqual([{ path: 'labels[1].parent_label', message: expect.stringMatching(/"Nope" is not a label of the parent model \d+ \(Issue type\); use one of "Billing", "Technical"/) }]);
    expect(e1.message).toMatch(/labels\[1\]\.parent_label/);
    const orphan = await call(models.POST, 'POST', '/v2/models', {}, { name: 'Child', labels: ['A', { name: 'B', parent_label: 'Billing' }] });
    const e2 = await errorOf(orphan, 400);
    expect(e2.details).toEqual([{ path: 'labels[1].parent_label', message: expect.stringMatching(/parent_model_id/) }]);
    expect(await db.model.count({ where: { name: 'Child' } })).toBe(0);
    // and the twin: PATCH cannot add such a label either
    const patch = await call(model.PATCH, 'PATCH', `/v2/models/${child}`, { id: child }, { labels: [{ name: 'Broken router', parent_label: 'Nope' }] });
    expect((await errorOf(patch, 400)).details).toEqual([{ path: 'labels[0].parent_label', message: expect.stringMatching(/not a label of the parent model/) }]);
    const ok = await call(models.POST, 'POST', '/v2/models', {}, { name: 'Good child', parent_model_id: parent, labels: ['A', { name: 'B', parent_label: 'Billing' }] });
    expect(ok.status).toBe(201);
  });

  it('PATCH /v2/models/{id} refuses label changes to a model Callsight does not train (the language model)', async () => {
    const res = await call(model.PATCH, 'PATCH', `/v2/models/${language}`, { id: language }, { labels: ['Klingon'] });
    const error = await errorOf(res, 400);
    expect(error.details).toEqual([{ path: 'labels', message: expect.stringMatching(/not trained by Callsight/) }]);
    expect(await db.label.count({ where: { modelId: Number(language), name: 'Klingon' } })).toBe(0);
    // its name may still change
    expect((await call(model.PATCH, 'PATCH', `/v2/models/${language}`, { id: language }, { name: 'Language (lid.176)' })).status).toBe(200);
  });

  it('label_filter and model_settings have a length cap; 60,000 unknown labels get a small 400 with 20 details and the count', async () => {
    const labels = Array.from({ length: 60_000 }, (_, i) => `L${i}`);
    const res = await call(inference.POST, 'POST', '/v2/models/inference', {}, { texts: ['hi'], model_settings: [{ model_id: Number(child), label_filter: labels }] });
    const text = await res.clone().text();
    expect(text.length).toBeLessThan(20_000);
    const error = await errorOf(res, 400);
    expect(error.details).toEqual([{ path: 'model_settings[0].label_filter', message: expect.stringMatching(/at most 500/) }]);
    const settings = Array.from({ length: 101 }, (_, i) => ({ model_id: i + 1 }));
    const many = await call(inference.POST, 'POST', '/v2/models/inference', {}, { texts: ['hi'], model_settings: settings });
    expect((await errorOf(many, 400)).details).toEqual([{ path: 'model_settings', message: expect.stringMatching(/at most 100/) }]);
    // an error with many problems lists the first 20 and says how many there are
    const broken = await call(inference.POST, 'POST', '/v2/models/inference', {}, { texts: ['hi'], model_settings: Array.from({ length: 60 }, () => ({ model_id: 'x' })) });
    const e = await errorOf(broken, 400);
    expect(e.details).toHaveLength(20);
    expect(e.details_total).toBe(60);
    expect(e.message).toMatch(/60 problems; the first 20/);
  });

  it('a wrong method is a 405 in the error format with an Allow header naming the methods the path has', async () => {
    const mod = model as unknown as Record<string, Handler<{ id: string }>>;
    expect(mod.DELETE).toBeTypeOf('function');
    const res = await call(mod.DELETE!, 'DELETE', `/v2/models/${child}`, { id: child });
    const error = await errorOf(res, 405);
    expect(error.code).toBe('method_not_allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH, OPTIONS');
    expect(error.message).toMatch(/DELETE .* GET, HEAD, PATCH/);
    const inf = inference as unknown as Record<string, Handler<object>>;
    const get = await call(inf.GET!, 'GET', '/v2/models/inference', {});
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const options = await call(inf.OPTIONS!, 'OPTIONS', '/v2/models/inference', {});
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('a bad id in the path names the path segment, not (body)', async () => {
    const job = await call(reclassifyJob.GET, 'GET', '/v2/reclassify-jobs/nope', { id: 'nope' });
    expect((await errorOf(job, 400)).details).toEqual([{ path: 'id', message: expect.stringMatching(/reclassification job id/) }]);
    const t = await call(transcript.GET, 'GET', '/v2/transcripts/abc', { id: 'abc' });
    expect((await errorOf(t, 400)).details).toEqual([{ path: 'id', message: 'must be a positive integer transcript id' }]);
  });

  it('a nested metadata error says which key and what is wrong, not "Invalid input"', async () => {
    const res = await call(ingest.POST, 'POST', '/v2/ingest-jobs', {}, { transcripts: [{ text: 'hi', metadata: { plan: 'gold', tags: { a: 1 } } }] });
    const error = await errorOf(res, 400);
    expect(error.details).toEqual([{ path: 'transcripts[0].metadata.tags', message: expect.stringMatching(/string, number, boolean or null.*not an object/) }]);
    // a label given as an object with a wrong field says that, not "a label is a name, or …"
    const label = await call(models.POST, 'POST', '/v2/models', {}, { name: 'x', labels: ['A', { name: 'B', description: 7 }] });
    expect((await errorOf(label, 400)).details).toEqual([{ path: 'labels[1].description', message: expect.stringMatching(/string/) }]);
  });

  it('a misspelled field (maxPredictions) is refused with "did you mean max_predictions?"; the spec\'s example request still passes', async () => {
    const res = await call(inference.POST, 'POST', '/v2/models/inference', {}, { texts: ['hi'], model_settings: [{ model_id: Number(child), maxPredictions: 1 }] });
    const error = await errorOf(res, 400);
    expect(error.details).toEqual([{ path: 'model_settings[0].maxPredictions', message: expect.stringMatching(/unknown field.*did you mean "max_predictions"\?/) }]);
    const top = await call(models.POST, 'POST', '/v2/models', {}, { name: 'x', labels: ['A', 'B'], multiLabel: true, colour: 'red' });
    expect((await errorOf(top, 400)).details).toEqual([
      { path: 'multiLabel', message: expect.stringMatching(/did you mean "multi_label"\?/) },
      { path: 'colour', message: expect.stringMatching(/unknown field; the fields are name, question, multi_label, parent_model_id, labels/) },
    ]);
    const patch = await call(model.PATCH, 'PATCH', `/v2/models/${child}`, { id: child }, { treshold: 0.5 });
    expect((await errorOf(patch, 400)).details).toEqual([{ path: 'treshold', message: expect.stringMatching(/did you mean "threshold"\?/) }]);
    const ex = await call(examples.POST, 'POST', `/v2/models/${child}/examples`, { id: child }, { examples: [{ text: 'hi', label: ['Outage'] }] });
    expect((await errorOf(ex, 400)).details).toEqual(expect.arrayContaining([{ path: 'examples[0].label', message: expect.stringMatching(/did you mean "labels"\?/) }]));

    // The spec's example request, verbatim (../shared/spec/inference-api.md), and the README's create-model body.
    const SPEC_EXAMPLE = {
      texts: [
        "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated. I've been a customer for six years and I'm starting to think about switching.",
      ],
      model_settings: [
        { model_id: 42, max_predictions: 1 },
        { model_id: 87, max_predictions: 2 },
        { model_id: 156, max_predictions: 3 },
        { model_id: 201, label_filter: ['Frustrated', 'Angry', 'Neutral', 'Satisfied'] },
      ],
    };
    expect(ZInferenceRequest.safeParse(SPEC_EXAMPLE).success).toBe(true);
    const readme = await call(models.POST, 'POST', '/v2/models', {}, { name: 'Contact reason', labels: ['Billing', 'Network', { name: 'Delivery', description: 'orders on their way' }] });
    expect(ZApiModel.parse(await readme.json()).labels).toHaveLength(3);
  });
});

describe('issue 8 (part): lone surrogates', () => {
  it('a lone surrogate ("\\uD800") in any /v2 JSON string field is refused with the field\'s path, not stored', async () => {
    const inf = await call(inference.POST, 'POST', '/v2/models/inference', {}, '{"texts":["ok","bad \\uD800 text"],"model_settings":[{"model_id":1}]}', { 'Content-Type': 'application/json' });
    expect((await errorOf(inf, 400)).details).toEqual([{ path: 'texts[1]', message: expect.stringMatching(/lone surrogate.*U\+D800/) }]);
    const create = await call(models.POST, 'POST', '/v2/models', {}, '{"name":"Sur\\uDC00","labels":["A","B"]}', { 'Content-Type': 'application/json' });
    expect((await errorOf(create, 400)).details).toEqual([{ path: 'name', message: expect.stringMatching(/lone surrogate/) }]);
    const key = await call(ingest.POST, 'POST', '/v2/ingest-jobs', {}, '{"transcripts":[{"text":"hi","metadata":{"\\uD83D":"x"}}]}', { 'Content-Type': 'application/json' });
    expect((await errorOf(key, 400)).details[0]?.path).toMatch(/^transcripts\[0\]\.metadata/);
    const json = await call(examples.POST, 'POST', `/v2/models/${child}/examples`, { id: child }, '{"examples":[{"text":"a \\uD800 b","labels":["Outage"]}]}', { 'Content-Type': 'application/json' });
    expect((await errorOf(json, 400)).details).toEqual([{ path: 'examples[0].text', message: expect.stringMatching(/lone surrogate/) }]);
    // a file body is JSON too: the row is rejected by its line, the rest stored
    const file = await call(examples.POST, 'POST', `/v2/models/${child}/examples`, { id: child }, '{"text":"fine text","label":"Outage"}\n{"text":"a \\uDFFF b","label":"Outage"}\n', { 'Content-Type': 'application/x-ndjson' });
    expect(file.status).toBe(200);
    const r = (await file.json()) as { added: number; rejected: { line: number; message: string }[] };
    expect(r.added).toBe(1);
    expect(r.rejected).toEqual([{ line: 2, message: expect.stringMatching(/lone surrogate/) }]);
    expect(await db.example.count({ where: { text: { contains: 'a ' } } })).toBe(0);
    // a well-formed pair is fine
    const pair = await call(models.POST, 'POST', '/v2/models', {}, '{"name":"Emoji \\uD83D\\uDE00","labels":["A","B"]}', { 'Content-Type': 'application/json' });
    expect(pair.status).toBe(201);
  });
});

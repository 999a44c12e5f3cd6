import { beforeAll, describe, expect, it } from 'vitest';
import {
  ZApiCorrectionResult,
  ZApiExamplesResult,
  ZApiLabelingQueue,
  ZApiLabelList,
  ZApiModel,
  ZApiReclassifyJob,
  ZApiTrainingStarted,
  ZApiTranscriptLabeled,
  ZApiVersion,
  ZApiVersionDetail,
  ZApiVersionList,
} from '@/lib/schemas/studio-api';

// Integration: the model studio's public API, called through the exported
// handlers against a real, migrated SQLite database and a real worker loop:
// create → examples (JSON and CSV) → train → evaluation → promote → ingest
// with it → labeling queue → label → correct → reclassify, and the errors.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
const { runWorker } = await import('@/lib/jobs/worker');
const models = await import('./route');
const model = await import('./[id]/route');
const labels = await import('./[id]/labels/route');
const examples = await import('./[id]/examples/route');
const versions = await import('./[id]/versions/route');
const version = await import('./[id]/versions/[version_id]/route');
const promote = await import('./[id]/versions/[version_id]/promote/route');
const discard = await import('./[id]/versions/[version_id]/discard/route');
const reclassify = await import('./[id]/reclassify/route');
const reclassifyJob = await import('../reclassify-jobs/[id]/route');
const queue = await import('./[id]/labeling-queue/route');
const transcriptLabels = await import('../transcripts/[id]/labels/route');
const corrections = await import('../transcripts/[id]/corrections/route');
const ingest = await import('../ingest-jobs/route');

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

let key = '';
function call<P>(handler: Handler<P>, method: string, path: string, params: P, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${key}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string') (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  return handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] }; request_id: string };
  expect(body.request_id).toMatch(/^req_/);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

const WORDS: Record<string, string[]> = {
  Billing: ['invoice', 'charged', 'refund', 'payment', 'bill', 'price', 'kr', 'overcharged', 'direct debit', 'discount'],
  Network: ['signal', 'outage', 'slow', 'router', 'coverage', 'dropping', 'connection', 'speed', 'no internet', 'latency'],
  Delivery: ['parcel', 'courier', 'delivered', 'tracking', 'shipment', 'package', 'arrive', 'address', 'postnord', 'late'],
};
let seed = 11;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
const sentence = (label: string) => `hello, I am calling because ${pick(WORDS[label]!)} and ${pick(WORDS[label]!)}, also the ${pick(WORDS[label]!)} ticket ${Math.floor(rnd() * 1e6)}`;

let modelId = 0;
let id = '';
let versionId = 0;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  key = (await createApiKey(db, { name: 'studio test' })).key;
});

describe('the model studio API, end to end', () => {
  it('POST /v2/models creates a model and answers it as GET /v2/models/{id} shows it', async () => {
    const res = await call(models.POST, 'POST', '/v2/models', {}, {
      name: ' Contact reason ',
      question: 'Why did the customer get in touch?',
      labels: ['Billing', { name: 'Network', description: 'coverage, speed, outages' }, { name: 'Delivery' }],
    });
    expect(res.status).toBe(201);
    const created = ZApiModel.parse(await res.json());
    modelId = created.id;
    id = String(modelId);
    expect(res.headers.get('location')).toBe(`/v2/models/${modelId}`);
    expect(created).toMatchObject({ name: 'Contact reason', kind: 'linear', multi_label: false, threshold: 0, parent_model_id: null, active_version: null });
    expect(created.labels).toEqual([
      { name: 'Billing', description: '' },
      { name: 'Network', description: 'coverage, speed, outages' },
      { name: 'Delivery', description: '' },
    ]);
    const shown = ZApiModel.parse(await (await call(model.GET, 'GET', `/v2/models/${id}`, { id })).json());
    expect({ ...shown, request_id: undefined }).toEqual({ ...created, request_id: undefined });
  });

  it('PATCH /v2/models/{id} changes the threshold, adds a label and keeps a description it was not sent', async () => {
    const res = await call(model.PATCH, 'PATCH', `/v2/models/${id}`, { id }, { threshold: 0.4, labels: ['Billing', { name: 'Network', parent_label: null }, 'Other'] });
    expect(res.status).toBe(200);
    const m = ZApiModel.parse(await res.json());
    expect(m.threshold).toBe(0.4);
    expect(m.labels.map((l) => [l.name, l.description])).toEqual([
      ['Billing', ''],
      ['Network', 'coverage, speed, outages'],
      ['Delivery', ''],
      ['Other', ''],
    ]);
  });

  it('POST /v2/models/{id}/examples takes a JSON body, reporting bad examples by index', async () => {
    const body = {
      examples: [
        ...['Billing', 'Network', 'Delivery'].flatMap((l) => Array.from({ length: 20 }, () => ({ text: sentence(l), labels: [l] }))),
        { text: 'we sell things', labels: ['Sales'] },
        { text: 'two at once', labels: ['Billing', 'Network'] },
      ],
    };
    const res = await call(examples.POST, 'POST', `/v2/models/${id}/examples`, { id }, body);
    expect(res.status).toBe(200);
    const r = ZApiExamplesResult.parse(await res.json());
    expect(r).toMatchObject({ model_id: modelId, rows: 62, added: 60, updated: 0, rejected_count: 2 });
    expect(r.rejected.map((x) => [x.index, x.path])).toEqual([
      [60, 'examples[60]'],
      [61, 'examples[61]'],
    ]);
    expect(r.rejected[0]?.message).toMatch(/unknown label "Sales"/);
    expect(r.rejected[1]?.message).toMatch(/single-label/);
  });

  it('POST /v2/models/{id}/examples takes a CSV body, with the fields named in the query and bad rows by line', async () => {
    const rows = ['Billing', 'Network', 'Delivery'].flatMap((l) => Array.from({ length: 10 }, () => `"${sentence(l)}",${l}`));
    const csv = ['utterance,intent', ...rows, '"nobody knows",Weather', '"",Billing'].join('\n');
    const res = await call(examples.POST, 'POST', `/v2/models/${id}/examples?text_field=utterance&label_field=intent&file_name=more.csv`, { id }, csv, { 'Content-Type': 'text/csv' });
    expect(res.status).toBe(200);
    const r = ZApiExamplesResult.parse(await res.json());
    expect(r).toMatchObject({ rows: 32, added: 30, updated: 0, rejected_count: 2 });
    expect(r.rejected.map((x) => x.line)).toEqual([32, 33]);
    expect(r.rejected[0]?.message).toMatch(/unknown label "Weather"/);

    const jsonl = `${JSON.stringify({ text: 'my parcel never arrived, the courier lost it', label: 'Delivery' })}\n`;
    const nd = await call(examples.POST, 'POST', `/v2/models/${id}/examples`, { id }, jsonl, { 'Content-Type': 'application/x-ndjson' });
    expect(ZApiExamplesResult.parse(await nd.json())).toMatchObject({ rows: 1, added: 1 });
  });

  it('GET /v2/models/{id}/labels counts the examples per label and flags the labels that need more', async () => {
    const res = await call(labels.GET, 'GET', `/v2/models/${id}/labels`, { id });
    const body = ZApiLabelList.parse(await res.json());
    expect(body.examples).toBe(91);
    expect(body.labels.map((l) => [l.name, l.examples, l.needs_more])).toEqual([
      ['Billing', 30, false],
      ['Network', 30, false],
      ['Delivery', 31, false],
      ['Other', 0, true],
    ]);
  });

  it('POST /v2/models/{id}/versions queues a version (202); a worker trains it; GET shows the evaluation', async () => {
    const res = await call(versions.POST, 'POST', `/v2/models/${id}/versions`, { id }, { seed: 3 });
    expect(res.status).toBe(202);
    const queued = ZApiTrainingStarted.parse(await res.json());
    versionId = queued.id;
    expect(queued).toMatchObject({ version: 1, status: 'queued', active: false, already_queued: false, url: `/v2/models/${id}/versions/${versionId}` });
    expect(res.headers.get('location')).toBe(queued.url);
    // Without a body, or with an empty one (curl -X POST): the pending version again, not a second one.
    const again = ZApiTrainingStarted.parse(await (await call(versions.POST, 'POST', `/v2/models/${id}/versions`, { id })).json());
    expect(again).toMatchObject({ id: versionId, already_queued: true });
    const empty = await call(versions.POST, 'POST', `/v2/models/${id}/versions`, { id }, '');
    expect(empty.status).toBe(202);

    expect((await runWorker({ exitWhenIdle: true })).trainings).toBe(1);

    const detail = await call(version.GET, 'GET', queued.url, { id, version_id: String(versionId) });
    expect(detail.status).toBe(200);
    const v = ZApiVersionDetail.parse(await detail.json());
    expect(v).toMatchObject({ status: 'ready', progress: 1, trained_on: 91, active: false });
    const e = v.evaluation!;
    expect(e.accuracy).toBeGreaterThan(0.8);
    expect(v.accuracy).toBe(e.accuracy);
    expect(v.macro_f1).toBe(e.macro_f1);
    expect(Object.keys(e.per_label)).toEqual(expect.arrayContaining(['Billing', 'Network', 'Delivery']));
    expect(e.per_label.Billing).toEqual({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number), support: expect.any(Number) });
    expect(e.confusion.labels).toEqual(['Billing', 'Network', 'Delivery', 'Other']);
    expect(e.calibration.bins).toHaveLength(15);
    expect(e.calibration.bins.reduce((a, b) => a + b.count, 0)).toBe(v.held_out);
    expect(Array.isArray(e.wrong_examples)).toBe(true);

    const list = ZApiVersionList.parse(await (await call(versions.GET, 'GET', `/v2/models/${id}/versions`, { id })).json());
    expect(list).toMatchObject({ model_id: modelId, active_version_id: null });
    expect(list.versions.map((x) => [x.version, x.status])).toEqual([[1, 'ready']]);
  });

  it('promote makes the version serve; ingest classifies with it; the labeling queue ranks the unsure first', async () => {
    const res = await call(promote.POST, 'POST', `/v2/models/${id}/versions/${versionId}/promote`, { id, version_id: String(versionId) });
    expect(res.status).toBe(200);
    expect(ZApiVersion.parse(await res.json())).toMatchObject({ id: versionId, active: true, status: 'ready' });
    const m = ZApiModel.parse(await (await call(model.GET, 'GET', `/v2/models/${id}`, { id })).json());
    expect(m.active_version).toMatchObject({ id: versionId, version: 1 });

    const texts = [...Array.from({ length: 12 }, () => sentence(pick(['Billing', 'Network', 'Delivery']))), 'the courier and the refund and the outage', 'my parcel is late and the invoice charged me for the router'];
    const job = await call(ingest.POST, 'POST', '/v2/ingest-jobs', {}, { transcripts: texts.map((text) => ({ text })), model_ids: [modelId] });
    expect(job.status).toBe(202);
    await runWorker({ exitWhenIdle: true });
    await (await getFactIndex(db)).refresh(0);

    const q = await call(queue.GET, 'GET', `/v2/models/${id}/labeling-queue?strategy=entropy&limit=5`, { id });
    expect(q.status).toBe(200);
    const body = ZApiLabelingQueue.parse(await q.json());
    expect(body).toMatchObject({ model_id: modelId, strategy: 'entropy', candidates: texts.length, labeled: 0 });
    expect(body.items).toHaveLength(5);
    for (let i = 1; i < body.items.length; i++) expect(body.items[i - 1]!.uncertainty).toBeGreaterThanOrEqual(body.items[i]!.uncertainty);
    expect(body.items[0]!.top.length).toBeGreaterThan(1);
  });

  it('POST /v2/transcripts/{id}/labels makes a transcript an example; it leaves the queue', async () => {
    const q = ZApiLabelingQueue.parse(await (await call(queue.GET, 'GET', `/v2/models/${id}/labeling-queue`, { id })).json());
    const first = q.items[0]!;
    const tid = String(first.transcript_id);
    const res = await call(transcriptLabels.POST, 'POST', `/v2/transcripts/${tid}/labels`, { id: tid }, { model_id: modelId, labels: ['Delivery'] });
    expect(res.status).toBe(200);
    expect(ZApiTranscriptLabeled.parse(await res.json())).toMatchObject({ transcript_id: first.transcript_id, model_id: modelId, labels: ['Delivery'], relabeled: false });
    const relabel = ZApiTranscriptLabeled.parse(await (await call(transcriptLabels.POST, 'POST', `/v2/transcripts/${tid}/labels`, { id: tid }, { model_id: modelId, labels: ['Billing'] })).json());
    expect(relabel.relabeled).toBe(true);
    const after = ZApiLabelingQueue.parse(await (await call(queue.GET, 'GET', `/v2/models/${id}/labeling-queue?limit=100`, { id })).json());
    expect(after.labeled).toBe(1);
    expect(after.items.map((i) => i.transcript_id)).not.toContain(first.transcript_id);

    const bad = await call(transcriptLabels.POST, 'POST', `/v2/transcripts/${tid}/labels`, { id: tid }, { model_id: modelId, labels: ['Nope'] });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details).toEqual([{ path: 'labels', message: expect.stringMatching(/unknown label "Nope"/) }]);
  });

  it('POST /v2/transcripts/{id}/corrections records the right label over the prediction (201)', async () => {
    const t = await db.prediction.findFirstOrThrow({ where: { modelId }, orderBy: { transcriptId: 'desc' }, select: { transcriptId: true, label: true } });
    const right = t.label === 'Network' ? 'Billing' : 'Network';
    const tid = String(t.transcriptId);
    const res = await call(corrections.POST, 'POST', `/v2/transcripts/${tid}/corrections`, { id: tid }, { model_id: modelId, label: right });
    expect(res.status).toBe(201);
    expect(ZApiCorrectionResult.parse(await res.json())).toMatchObject({ transcript_id: t.transcriptId, model_id: modelId, label: right, previous_label: t.label });
    const ex = await db.example.findFirst({ where: { modelId, transcriptId: t.transcriptId } });
    expect(ex).toMatchObject({ source: 'correction', labels: JSON.stringify([right]) });
  });

  it('POST /v2/models/{id}/reclassify runs as a job (202) until done; a second one at the same time is a 409', async () => {
    const res = await call(reclassify.POST, 'POST', `/v2/models/${id}/reclassify`, { id });
    expect(res.status).toBe(202);
    const job = ZApiReclassifyJob.parse(await res.json());
    expect(job).toMatchObject({ model_id: modelId, version_id: versionId, status: 'queued', total: 14, done: 0, url: `/v2/reclassify-jobs/${job.id}` });
    expect(res.headers.get('location')).toBe(job.url);
    const twice = await call(reclassify.POST, 'POST', `/v2/models/${id}/reclassify`, { id });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).message).toMatch(/already being reclassified/);

    expect((await runWorker({ exitWhenIdle: true })).reclassifications).toBe(1);
    const done = ZApiReclassifyJob.parse(await (await call(reclassifyJob.GET, 'GET', job.url, { id: job.id })).json());
    expect(done).toMatchObject({ status: 'done', total: 14, done: 14, progress: 1, error: null });
    const listed = (await (await call(reclassify.GET, 'GET', `/v2/models/${id}/reclassify`, { id })).json()) as { jobs: unknown[] };
    expect(listed.jobs.map((j) => ZApiReclassifyJob.parse(j).id)).toEqual([job.id]);
  });

  it('rolls back by promoting an earlier version, and discards the later one', async () => {
    ZApiTrainingStarted.parse(await (await call(versions.POST, 'POST', `/v2/models/${id}/versions`, { id }, { seed: 4, epochs: 2 })).json());
    await runWorker({ exitWhenIdle: true });
    const list = ZApiVersionList.parse(await (await call(versions.GET, 'GET', `/v2/models/${id}/versions`, { id })).json());
    const v2 = list.versions[0]!;
    expect(v2).toMatchObject({ version: 2, status: 'ready', active: false });
    const p = (vid: number) => ({ id, version_id: String(vid) });
    await call(promote.POST, 'POST', `/v2/models/${id}/versions/${v2.id}/promote`, p(v2.id));
    const activeDiscard = await call(discard.POST, 'POST', `/v2/models/${id}/versions/${v2.id}/discard`, p(v2.id));
    expect(activeDiscard.status).toBe(409);
    expect((await errorOf(activeDiscard)).message).toMatch(/is active/);
    await call(promote.POST, 'POST', `/v2/models/${id}/versions/${versionId}/promote`, p(versionId));
    const discarded = await call(discard.POST, 'POST', `/v2/models/${id}/versions/${v2.id}/discard`, p(v2.id));
    expect(ZApiVersion.parse(await discarded.json())).toMatchObject({ status: 'discarded', active: false });
    const again = await call(promote.POST, 'POST', `/v2/models/${id}/versions/${v2.id}/promote`, p(v2.id));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toMatch(/only a ready version/);
  });
});

describe('the model studio API, errors', () => {
  it('401 without a key on every route', async () => {
    const calls: [Handler<never>, string][] = [
      [models.POST as Handler<never>, 'POST'],
      [model.PATCH as Handler<never>, 'PATCH'],
      [labels.GET as Handler<never>, 'GET'],
      [examples.POST as Handler<never>, 'POST'],
      [versions.POST as Handler<never>, 'POST'],
      [versions.GET as Handler<never>, 'GET'],
      [version.GET as Handler<never>, 'GET'],
      [promote.POST as Handler<never>, 'POST'],
      [discard.POST as Handler<never>, 'POST'],
      [reclassify.POST as Handler<never>, 'POST'],
      [reclassify.GET as Handler<never>, 'GET'],
      [reclassifyJob.GET as Handler<never>, 'GET'],
      [queue.GET as Handler<never>, 'GET'],
      [transcriptLabels.POST as Handler<never>, 'POST'],
      [corrections.POST as Handler<never>, 'POST'],
    ];
    for (const [handler, method] of calls) {
      const res = await handler(new Request('http://localhost/v2/x', { method }), { params: Promise.resolve({ id: id, version_id: String(versionId) } as never) });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthorized');
    }
  });

  it('400 with every broken rule by path', async () => {
    const create = await call(models.POST, 'POST', '/v2/models', {}, { name: '', multi_label: 'yes', labels: ['A', 'B', 5] });
    expect(create.status).toBe(400);
    expect((await errorOf(create)).details.map((d) => d.path).sort()).toEqual(['labels[2]', 'multi_label', 'name']);
    const twice = await call(models.POST, 'POST', '/v2/models', {}, { name: 'x', labels: ['A', 'B', { name: 'A' }] });
    expect((await errorOf(twice)).details).toEqual([{ path: 'labels[2].name', message: '"A" appears twice; label names are unique within a model' }]);
    const one = await call(models.POST, 'POST', '/v2/models', {}, { name: 'x', labels: ['only'] });
    expect((await errorOf(one)).details).toEqual([{ path: 'labels', message: 'a model needs at least two labels' }]);
    const notJson = await call(models.POST, 'POST', '/v2/models', {}, '{"name":', { 'Content-Type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).message).toMatch(/not valid JSON/);

    const patch = await call(model.PATCH, 'PATCH', `/v2/models/${id}`, { id }, { threshold: 2 });
    expect((await errorOf(patch)).details).toEqual([{ path: 'threshold', message: 'threshold is between 0 and 1' }]);
    const nothing = await call(model.PATCH, 'PATCH', `/v2/models/${id}`, { id }, {});
    expect((await errorOf(nothing)).message).toMatch(/nothing to change/);
    const typo = await call(model.PATCH, 'PATCH', `/v2/models/${id}`, { id }, { treshold: 0.5 });
    expect((await errorOf(typo)).details).toEqual([{ path: 'treshold', message: 'unknown field; did you mean "threshold"?' }]);

    const ex = await call(examples.POST, 'POST', `/v2/models/${id}/examples`, { id }, { examples: [{ text: '', labels: [] }] });
    expect((await errorOf(ex)).details.map((d) => d.path)).toEqual(['examples[0].text', 'examples[0].labels']);
    const noField = await call(examples.POST, 'POST', `/v2/models/${id}/examples?text_field=body`, { id }, 'text,label\nhi,Billing\n', { 'Content-Type': 'text/csv' });
    expect(noField.status).toBe(400);
    expect((await errorOf(noField)).message).toMatch(/no "body" field/);
    const format = await call(examples.POST, 'POST', `/v2/models/${id}/examples?format=xml`, { id }, 'x', { 'Content-Type': 'text/csv' });
    expect((await errorOf(format)).details.map((d) => d.path)).toEqual(['format']);

    const train = await call(versions.POST, 'POST', `/v2/models/${id}/versions`, { id }, { epochs: 0 });
    expect((await errorOf(train)).details.map((d) => d.path)).toEqual(['epochs']);
    const q = await call(queue.GET, 'GET', `/v2/models/${id}/labeling-queue?strategy=random&limit=500`, { id });
    expect((await errorOf(q)).details.map((d) => d.path)).toEqual(['strategy', 'limit']);
    const path = await call(version.GET, 'GET', `/v2/models/${id}/versions/abc`, { id, version_id: 'abc' });
    expect(path.status).toBe(400);
    expect((await errorOf(path)).details).toEqual([{ path: 'version_id', message: 'must be a positive integer version id' }]);
    const correction = await call(corrections.POST, 'POST', '/v2/transcripts/1/corrections', { id: '1' }, { model_id: modelId, label: 'Sales' });
    expect(correction.status).toBe(400);
    expect((await errorOf(correction)).details).toEqual([{ path: 'label', message: 'unknown label' }]);
  });

  it('404 for unknown models, versions, jobs and transcripts', async () => {
    const missing = { id: '999999', version_id: String(versionId) };
    for (const res of [
      await call(model.PATCH, 'PATCH', '/v2/models/999999', missing, { name: 'x' }),
      await call(labels.GET, 'GET', '/v2/models/999999/labels', missing),
      await call(examples.POST, 'POST', '/v2/models/999999/examples', missing, { examples: [{ text: 'a', labels: ['b'] }] }),
      await call(examples.POST, 'POST', '/v2/models/999999/examples', missing, 'text,label\na,b\n', { 'Content-Type': 'text/csv' }),
      await call(versions.POST, 'POST', '/v2/models/999999/versions', missing),
      await call(versions.GET, 'GET', '/v2/models/999999/versions', missing),
      await call(version.GET, 'GET', `/v2/models/${id}/versions/999999`, { id, version_id: '999999' }),
      await call(promote.POST, 'POST', `/v2/models/${id}/versions/999999/promote`, { id, version_id: '999999' }),
      await call(discard.POST, 'POST', `/v2/models/${id}/versions/999999/discard`, { id, version_id: '999999' }),
      await call(reclassify.POST, 'POST', '/v2/models/999999/reclassify', missing),
      await call(reclassifyJob.GET, 'GET', '/v2/reclassify-jobs/rc_nope', { id: 'rc_nope' }),
      await call(queue.GET, 'GET', '/v2/models/999999/labeling-queue', missing),
      await call(transcriptLabels.POST, 'POST', '/v2/transcripts/999999/labels', missing, { model_id: modelId, labels: ['Billing'] }),
      await call(corrections.POST, 'POST', '/v2/transcripts/999999/corrections', missing, { model_id: modelId, label: 'Billing' }),
      await call(corrections.POST, 'POST', '/v2/transcripts/1/corrections', { id: '1' }, { model_id: 999999, label: 'Billing' }),
      await call(models.POST, 'POST', '/v2/models', {}, { name: 'Child', parent_model_id: 999999, labels: ['a', 'b'] }),
    ]) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });

  it('409 when the model is not in a state to do it', async () => {
    const fresh = ZApiModel.parse(await (await call(models.POST, 'POST', '/v2/models', {}, { name: 'Empty', labels: ['A', 'B'] })).json());
    const fid = String(fresh.id);
    const train = await call(versions.POST, 'POST', `/v2/models/${fid}/versions`, { id: fid });
    expect(train.status).toBe(409);
    expect((await errorOf(train)).message).toMatch(/label at least 4/);
    const re = await call(reclassify.POST, 'POST', `/v2/models/${fid}/reclassify`, { id: fid });
    expect(re.status).toBe(409);
    expect((await errorOf(re)).message).toMatch(/no active version/);
  });

  it('413 for a body over the limit', async () => {
    const res = await call(models.POST, 'POST', '/v2/models', {}, { name: 'x'.repeat(env.MAX_BODY_BYTES + 10), labels: ['a', 'b'] });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';

// Issue 13 against a real database: a trained version keeps a default
// threshold, a scope profile and its held-out predictions; stored
// predictions below the threshold count as Uncertain and texts unlike the
// training data as Out of scope, everywhere (breakdown, drill-down,
// transcript, export, filters); `min` lowers or raises the threshold.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createModel } = await import('@/lib/server/models/create-model');
const { trainModelVersion } = await import('@/lib/server/models/train-model-version');
const { updateModel } = await import('@/lib/server/models/update-model');
const { findModels, toApiModel } = await import('@/lib/server/models/list-models');
const { getServingModels } = await import('@/lib/server/models/serving-models');
const { insertClassifiedTranscripts } = await import('@/lib/server/transcripts/insert-classified-transcripts');
const { bumpAnalyticsEpoch, getFactIndex } = await import('./fact-index');
const { getBreakdown } = await import('./get-breakdown');
const { getScopeSummary } = await import('./get-scope');
const { findTranscripts } = await import('./find-transcripts');
const { getTranscript } = await import('./get-transcript');
const { prepareExport } = await import('./prepare-export');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const analyticsBreakdown = await import('@/app/v2/analytics/breakdown/route');

const WORDS: Record<string, string[]> = {
  Billing: ['invoice', 'charged', 'refund', 'payment', 'bill', 'price', 'overcharged', 'direct debit', 'discount', 'fee'],
  Network: ['signal', 'outage', 'slow', 'router', 'coverage', 'dropping', 'connection', 'speed', 'no internet', 'latency'],
  Delivery: ['parcel', 'courier', 'delivered', 'tracking', 'shipment', 'package', 'arrive', 'address', 'postnord', 'late'],
};
let seed = 11;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
const sentence = (label: string) => `hello, I am calling because of the ${pick(WORDS[label]!)} and the ${pick(WORDS[label]!)}, ticket ${Math.floor(rnd() * 1e6)}`;
// nothing like the training texts: another language and another world
const OFF_TOPIC = ['Vispa ägg och socker pösigt, vänd ner mjölet och grädda kakan i fyrtio minuter', 'Zwei Übernachtungen im Doppelzimmer mit Frühstück am Gardasee, bitte mit Seeblick', 'Le match de rugby de samedi a été reporté à cause de la pluie battante sur le stade'];

// between two labels: the model is unsure
const MIXED = ['hello, I am calling because of the invoice and the router', 'hello, the parcel and the refund, ticket 1', 'hello, about the signal and the courier, ticket 2'];

const f = (q: string) => parseDashboardFilters(q);
const page = () => parseTranscriptListParams(new URLSearchParams('size=100'));
let modelId = 0;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  modelId = (await createModel(db, { name: 'Contact reason', labels: Object.keys(WORDS).map((name) => ({ name })) })).id;
  const examples = Object.keys(WORDS).flatMap((label) => Array.from({ length: 120 }, () => ({ text: sentence(label), labels: [label] })));
  await trainModelVersion(db, modelId, examples, { seed: 1 });
  const served = await getServingModels(db, [modelId]);
  const lookup = served.get(modelId);
  if (lookup?.status !== 'ok') throw new Error('not served');
  const texts = [...Object.keys(WORDS).flatMap((l) => Array.from({ length: 10 }, () => sentence(l))), ...OFF_TOPIC, ...MIXED];
  await insertClassifiedTranscripts(db, texts.map((text, i) => ({ text, externalId: `t-${i}`, occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 25))) })), [lookup.model]);
  await (await getFactIndex(db)).refresh(0);
});

describe('honest numbers', () => {
  it('a trained version keeps a default threshold, a scope profile and its held-out predictions', async () => {
    const v = await db.modelVersion.findFirstOrThrow({ where: { modelId }, select: { suggestedThreshold: true, scopeProfile: true, heldOutPredictions: true } });
    expect(v.suggestedThreshold).toBeGreaterThanOrEqual(0);
    expect(v.suggestedThreshold).toBeLessThan(1);
    expect(JSON.parse(v.scopeProfile!)).toMatchObject({ version: 1, n: expect.any(Number) });
    const held = JSON.parse(v.heldOutPredictions!) as { labels: string[]; rows: { truth: number[]; scores: number[] }[] };
    expect(held.labels).toEqual(Object.keys(WORDS));
    expect(held.rows.length).toBeGreaterThan(20);
    expect(held.rows[0]!.scores).toHaveLength(3);
    const [api] = (await findModels(db, { ids: [modelId] })).map(toApiModel);
    expect(api).toMatchObject({ threshold: v.suggestedThreshold, threshold_source: 'evaluation', active_version: { evaluated_on: { source: 'held-out split of its examples', n: held.rows.length } } });
  });

  it('counts texts unlike the training data as Out of scope, not under a label, and warns', async () => {
    const b = await getBreakdown(db, f('range=all'), { modelId });
    expect(b.total).toBe(36);
    expect(b.outOfScope).toBeGreaterThanOrEqual(OFF_TOPIC.length);
    expect(b.outOfScope).toBeLessThan(8); // in-domain texts are flagged rarely
    expect(b.labels.reduce((a, l) => a + l.count, 0) + b.uncertain + b.outOfScope).toBe(b.total);
    expect(b.evaluation).toMatchObject({ source: 'held-out split of its examples', accuracy: expect.any(Number) });

    const oos = await findTranscripts(db, f(`range=all&bucket=${modelId}:out_of_scope`), page());
    expect(oos.total).toBe(b.outOfScope);
    expect(oos.rows.map((r) => r.externalId)).toEqual(expect.arrayContaining(['t-30', 't-31', 't-32']));
    expect(oos.rows.every((r) => r.predictions[modelId]?.outOfScope)).toBe(true);
    const detail = await getTranscript(db, oos.rows[0]!.id);
    expect(detail?.predictions[0]).toMatchObject({ outOfScope: true });

    const offTopicOnly = await getScopeSummary(db, f('range=all&q=und'));
    expect(offTopicOnly.models).toEqual([]); // no prediction selected: nothing to warn about
    const all = await getScopeSummary(db, f('range=all'));
    expect(all.models[0]).toMatchObject({ modelId, total: 36, outOfScope: b.outOfScope, warn: false });
    const narrow = await getScopeSummary(db, f(`range=all&bucket=${modelId}:out_of_scope`));
    expect(narrow.models[0]).toMatchObject({ warn: true });
  });

  it('counts predictions below the threshold as Uncertain; min lowers or raises it, and the export says which', async () => {
    // The mixed texts are unsure *and* unlike the toy training texts (the scope score weighs confidence too);
    // as a version without a scope profile stored them, they are only unsure.
    const mixed = await db.transcript.findMany({ where: { externalId: { in: ['t-33', 't-34', 't-35'] } }, select: { id: true } });
    await db.prediction.updateMany({ where: { transcriptId: { in: mixed.map((m) => m.id) } }, data: { outOfScope: null } });
    await bumpAnalyticsEpoch(db);
    await updateModel(db, modelId, { threshold: 0.9 });
    await (await getFactIndex(db)).refresh(0);
    const strict = await getBreakdown(db, f('range=all'), { modelId });
    expect(strict.threshold).toBe(0.9);
    expect(strict.uncertain, JSON.stringify(strict)).toBeGreaterThan(0);
    const uncertain = await findTranscripts(db, f(`range=all&bucket=${modelId}:uncertain`), page());
    expect(uncertain.total).toBe(strict.uncertain);
    expect(uncertain.rows.every((r) => r.predictions[modelId]?.uncertain)).toBe(true);
    // min=0 counts every prediction in scope, whatever the model's own threshold
    const any = await getBreakdown(db, f('range=all&min=0'), { modelId });
    expect(any).toMatchObject({ uncertain: 0, threshold: 0, outOfScope: strict.outOfScope });
    // a label filter counts only what the breakdown counts under that label
    const label = strict.labels[0]!;
    expect((await findTranscripts(db, f(`range=all&label=${modelId}:${label.label}`), page())).total).toBe(label.count);

    const exp = await prepareExport(db, f('range=all'));
    const statuses: string[] = [];
    for await (const batch of exp.batches()) for (const r of batch) statuses.push(r.predictions[modelId]!.status);
    expect(statuses.filter((s) => s === 'uncertain')).toHaveLength(strict.uncertain);
    expect(statuses.filter((s) => s === 'out_of_scope')).toHaveLength(strict.outOfScope);

    // null hands the threshold back to the evaluation
    await updateModel(db, modelId, { threshold: null });
    const [api] = (await findModels(db, { ids: [modelId] })).map(toApiModel);
    expect(api?.threshold_source).toBe('evaluation');
  });

  it('GET /v2/analytics/breakdown: counts, shares, and estimated shares with 90 % intervals from the held-out predictions', async () => {
    const key = (await createApiKey(db, { name: 'analytics', scopes: ['read'] })).key;
    const get = (q: string) => analyticsBreakdown.GET(new Request(`http://localhost/v2/analytics/breakdown?${q}`, { headers: { Authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    const res = await get(`model_id=${modelId}&range=all`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { n: number; uncertain: number; out_of_scope: number; labels: { label: string; count: number; share: number | null; estimated_share: number | null; interval: [number, number] | null }[]; estimator: { method: string; evaluation_size: number; in_scope: number } | null };
    expect(body.n).toBe(36);
    expect(body.estimator).toMatchObject({ in_scope: body.n - body.out_of_scope });
    expect(body.estimator!.evaluation_size).toBeGreaterThan(20);
    const counted = body.n - body.uncertain - body.out_of_scope;
    for (const l of body.labels) {
      expect(l.share).toBeCloseTo(l.count / counted, 10);
      expect(l.interval![0]).toBeLessThanOrEqual(l.estimated_share!);
      expect(l.interval![1]).toBeGreaterThanOrEqual(l.estimated_share!);
      // ten transcripts of each label were stored: the estimate is near a third
      expect(Math.abs(l.estimated_share! - 1 / 3)).toBeLessThan(0.12);
    }
    expect(body.labels.reduce((a, l) => a + l.estimated_share!, 0)).toBeCloseTo(1, 6);
    expect((await get('range=all')).status).toBe(400);
    expect((await get('model_id=999999')).status).toBe(404);
  });
});

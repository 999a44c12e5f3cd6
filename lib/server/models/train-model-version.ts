import 'server-only';
import type { Evaluation, LabeledExample } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { addExamples, type ExampleSource } from '@/lib/server/examples/add-examples';
import { queueTraining } from '@/lib/server/training/queue-training';
import { trainVersion, type TrainingOptions } from '@/lib/server/training/train-version';
import { promoteVersion } from './promote-version';

export interface TrainedVersion {
  modelId: number;
  versionId: number;
  version: number;
  labels: string[];
  trainSeconds: number;
  trainedOn: number;
  heldOut: number;
  evaluation: Evaluation | null;
}

/**
 * Stores examples for a model, trains a new version from all of the model's
 * examples in this process (the same code a worker runs for a queued
 * version), and by default promotes it. The seed and `npx callsight train`
 * use this; the studio queues versions for a worker instead.
 */
export async function trainModelVersion(
  db: Db,
  modelId: number,
  examples: readonly LabeledExample[],
  options: TrainingOptions & { activate?: boolean; source?: ExampleSource; onProgress?: (fraction: number) => void } = {},
): Promise<TrainedVersion> {
  const { activate = true, source = 'api', onProgress, ...training } = options;
  if (examples.length) await addExamples(db, modelId, examples, { source, strict: true });
  const queued = await queueTraining(db, modelId, training, 'training');
  try {
    await trainVersion(db, queued.id, { onProgress: (p) => onProgress?.(p) });
  } catch (e) {
    await db.modelVersion.update({ where: { id: queued.id }, data: { status: 'failed', error: e instanceof Error ? e.message : String(e), finishedAt: new Date() } });
    throw e;
  }
  if (activate) await promoteVersion(db, modelId, queued.id);
  const v = await db.modelVersion.findUniqueOrThrow({
    where: { id: queued.id },
    select: { version: true, trainSeconds: true, trainedOn: true, heldOut: true, evaluation: true, model: { select: { labels: { select: { name: true }, orderBy: { position: 'asc' } } } } },
  });
  return {
    modelId,
    versionId: queued.id,
    version: v.version,
    labels: v.model.labels.map((l) => l.name),
    trainSeconds: v.trainSeconds ?? 0,
    trainedOn: v.trainedOn,
    heldOut: v.heldOut,
    evaluation: v.evaluation ? (JSON.parse(v.evaluation) as Evaluation) : null,
  };
}

import 'server-only';
import type { Db } from '@/lib/db';
import { ApiError, notFound } from '@/lib/errors';
import { servingModelsChanged } from './serving-models';

/**
 * Makes a ready version the one that serves (promotion, or rollback to an
 * earlier version: the same act). Stored predictions keep the version that
 * made them until the model's transcripts are reclassified.
 */
export async function promoteVersion(db: Db, modelId: number, versionId: number) {
  const v = await db.modelVersion.findFirst({ where: { id: versionId, modelId }, select: { id: true, version: true, status: true } });
  if (!v) throw notFound(`Model ${modelId} has no version with id ${versionId}.`);
  if (v.status !== 'ready') throw new ApiError(409, 'model_not_ready', `Version ${v.version} is ${v.status}; only a ready version can be promoted.`);
  const active = await db.model.findUnique({ where: { id: modelId }, select: { activeVersion: { select: { version: true } } } });
  await db.$transaction([
    db.modelVersion.update({ where: { id: versionId }, data: { promotedAt: new Date() } }),
    db.model.update({ where: { id: modelId }, data: { activeVersionId: versionId } }),
  ]);
  servingModelsChanged();
  const previousVersion = active?.activeVersion?.version ?? null;
  // promoting an older version than the active one is a rollback
  return { modelId, versionId, version: v.version, previousVersion, rollback: previousVersion !== null && v.version < previousVersion };
}

/** Sets a version aside: it is kept for the record but can no longer be promoted. The active version cannot be discarded. */
export async function discardVersion(db: Db, modelId: number, versionId: number) {
  const [model, v] = await Promise.all([
    db.model.findUnique({ where: { id: modelId }, select: { activeVersionId: true } }),
    db.modelVersion.findFirst({ where: { id: versionId, modelId }, select: { id: true, version: true, status: true } }),
  ]);
  if (!model || !v) throw notFound(`Model ${modelId} has no version with id ${versionId}.`);
  if (model.activeVersionId === versionId) throw new ApiError(409, 'invalid_request', `Version ${v.version} is active; promote another version before discarding it.`);
  if (v.status === 'training' || v.status === 'queued') throw new ApiError(409, 'invalid_request', `Version ${v.version} is still ${v.status}.`);
  await db.modelVersion.update({ where: { id: versionId }, data: { status: 'discarded', artifact: null } });
  return { modelId, versionId, version: v.version };
}

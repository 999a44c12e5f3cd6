import 'server-only';
import { createHash } from 'node:crypto';
import { deserializeModel, parseScopeProfile, type Classifier, type ScopeProfile } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { getLanguageIdentifier, type LanguageIdentifier } from '@/lib/language/language-identifier';

/** A model ready to answer: its metadata plus the loaded engine. */
export type ServingModel =
  | { id: number; name: string; kind: 'linear'; versionId: number; labels: readonly string[]; classifier: Classifier; scope: ScopeProfile | null }
  | { id: number; name: string; kind: 'language'; versionId: null; labels: readonly string[]; identifier: LanguageIdentifier };

export type ServingLookup =
  | { status: 'ok'; model: ServingModel }
  | { status: 'missing' }
  | { status: 'untrained'; name: string };

/** A version's classifier, loaded once per process (versions never change). */
// Loaded artifacts by version id. A version's artifact never changes, so the
// cache needs no invalidation: promoting a version changes the id we look up.
interface LoadedVersion {
  classifier: Classifier;
  /** what its training texts looked like (null: trained before versions kept one, or too few examples) */
  scope: ScopeProfile | null;
}
const globalCache = globalThis as unknown as { callsightVersions?: Map<number, Promise<LoadedVersion>> };
const versions = (globalCache.callsightVersions ??= new Map());

export async function loadVersion(db: Db, versionId: number): Promise<LoadedVersion> {
  let pending = versions.get(versionId);
  if (!pending) {
    pending = (async () => {
      const v = await db.modelVersion.findUnique({ where: { id: versionId }, select: { artifact: true, artifactHash: true, scopeProfile: true } });
      if (!v?.artifact) throw new Error(`Model version ${versionId} has no artifact`);
      const bytes = new Uint8Array(v.artifact);
      if (v.artifactHash && createHash('sha256').update(bytes).digest('hex') !== v.artifactHash) {
        throw new Error(`Model version ${versionId}: artifact checksum does not match the stored hash`);
      }
      const classifier = deserializeModel(bytes);
      let scope: ScopeProfile | null = null;
      if (v.scopeProfile) {
        try {
          scope = parseScopeProfile(JSON.parse(v.scopeProfile));
        } catch (e) {
          // A damaged profile costs the scope warnings of this version, not its predictions.
          console.warn(`model version ${versionId}: ignoring its scope profile (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      return { classifier, scope };
    })();
    pending.catch(() => versions.delete(versionId));
    versions.set(versionId, pending);
  }
  return pending;
}

export async function loadClassifier(db: Db, versionId: number): Promise<Classifier> {
  return (await loadVersion(db, versionId)).classifier;
}

/**
 * Resolves model ids to serving models with one query for the metadata and
 * cached artifacts after the first load.
 */
export async function getServingModels(db: Db, ids: readonly number[]): Promise<Map<number, ServingLookup>> {
  // An id no model can have (0, negative, past the 32-bit ids) is simply missing: the database is not asked.
  const possible = ids.filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  const rows = await db.model.findMany({
    where: { id: { in: possible } },
    select: { id: true, name: true, kind: true, activeVersionId: true },
  });
  const out = new Map<number, ServingLookup>(ids.map((id) => [id, { status: 'missing' }]));
  await Promise.all(
    rows.map(async (row) => {
      if (row.kind === 'language') {
        const identifier = await getLanguageIdentifier();
        out.set(row.id, { status: 'ok', model: { id: row.id, name: row.name, kind: 'language', versionId: null, labels: identifier.labels, identifier } });
        return;
      }
      if (row.activeVersionId == null) {
        out.set(row.id, { status: 'untrained', name: row.name });
        return;
      }
      const { classifier, scope } = await loadVersion(db, row.activeVersionId);
      out.set(row.id, {
        status: 'ok',
        model: { id: row.id, name: row.name, kind: 'linear', versionId: row.activeVersionId, labels: classifier.labels, classifier, scope },
      });
    }),
  );
  return out;
}

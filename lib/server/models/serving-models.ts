import 'server-only';
import { createHash } from 'node:crypto';
import { deserializeModel, parseScopeProfile, type Classifier, type ScopeProfile } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { getLanguageIdentifier, type LanguageIdentifier } from '@/lib/language/language-identifier';
import { LookupCache } from '@/lib/server/cache/lookup-cache';

/** A model ready to answer: its metadata plus the loaded engine. */
export type ServingModel =
  | {
      id: number;
      name: string;
      kind: 'linear';
      versionId: number;
      labels: readonly string[];
      classifier: Classifier;
      scope: ScopeProfile | null;
      /** the version's artifact and stored scope profile, for the scoring threads (lib/scoring/pool.ts) */
      artifact: Uint8Array;
      scopeJson: string | null;
    }
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
  /** the checked artifact and the profile as stored, for the scoring threads */
  artifact: Uint8Array;
  scopeJson: string | null;
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
      return { classifier, scope, artifact: bytes, scopeJson: scope ? v.scopeProfile : null };
    })();
    pending.catch(() => versions.delete(versionId));
    versions.set(versionId, pending);
  }
  return pending;
}

export async function loadClassifier(db: Db, versionId: number): Promise<Classifier> {
  return (await loadVersion(db, versionId)).classifier;
}

type ModelRow = { id: number; name: string; kind: string; activeVersionId: number | null };

/**
 * The models' rows (name, kind, active version), from LookupCache: promoting a
 * version, renaming a model or creating one here clears it (servingModelsChanged);
 * another process sees such a change within LOOKUP_CACHE_MS. Ids no model has
 * are not remembered.
 */
export const modelRowCache = new LookupCache<ModelRow | null>();

async function modelRows(db: Db, ids: readonly number[]): Promise<ModelRow[]> {
  // one query for the request's ids on any miss, shared by the cache entries it fills
  let batch: Promise<Map<number, ModelRow>> | null = null;
  const loadAll = () =>
    (batch ??= db.model
      .findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, kind: true, activeVersionId: true } })
      .then((rows) => new Map(rows.map((r) => [r.id, r]))));
  const rows = await Promise.all(
    [...new Set(ids)].map((id) => modelRowCache.get(db, String(id), async () => (await loadAll()).get(id) ?? null, (row) => row !== null)),
  );
  return rows.filter((r): r is ModelRow => r !== null);
}

/** Clears the serving caches after a write that changes what a model id serves. */
export function servingModelsChanged(): void {
  modelRowCache.clear();
}

/**
 * Resolves model ids to serving models with one query for the metadata and
 * cached artifacts after the first load.
 */
export async function getServingModels(db: Db, ids: readonly number[]): Promise<Map<number, ServingLookup>> {
  // An id no model can have (0, negative, past the 32-bit ids) is simply missing: the database is not asked.
  const possible = ids.filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  const rows = await modelRows(db, possible);
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
      const { classifier, scope, artifact, scopeJson } = await loadVersion(db, row.activeVersionId);
      out.set(row.id, {
        status: 'ok',
        model: { id: row.id, name: row.name, kind: 'linear', versionId: row.activeVersionId, labels: classifier.labels, classifier, scope, artifact, scopeJson },
      });
    }),
  );
  return out;
}

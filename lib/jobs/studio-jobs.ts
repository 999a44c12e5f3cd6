import { scopeScore, scoreMany, type Classifier, type ScopeProfile } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { classificationWindow } from '@/lib/ingest/text-window';
import { loadVersion } from '@/lib/server/models/serving-models';
import { trainVersion } from '@/lib/server/training/train-version';
import type { ReclassifyClaim, StudioQueue, TrainingClaim } from './queue';

/** Attempts after which a version that keeps failing (or killing its worker) is marked failed. */
const MAX_TRAINING_ATTEMPTS = 3;
const RECLASSIFY_BATCH = 500;

/**
 * Trains a claimed version. A heartbeat renews the lease every quarter of it
 * (training yields to the event loop, so timers run on both databases), each
 * renewal also stores the progress, and a lost lease stops the work at its
 * next slice.
 */
export async function runTrainingClaim(queue: StudioQueue, db: Db, claim: TrainingClaim, owner: string, leaseMs: number, log: (l: string) => void) {
  log(`training version ${claim.versionId} of model ${claim.modelId} (attempt ${claim.attempts})`);
  let progress = 0;
  let lastRenewal = Date.now();
  let lost = false;
  // One renewal in flight at a time (PostgreSQL answers asynchronously; SQLite at once).
  let renewing: Promise<void> | null = null;
  const renew = () => {
    if (renewing) return;
    lastRenewal = Date.now();
    const held = queue.trainingProgress(claim.versionId, owner, progress, leaseMs);
    if (typeof held === 'boolean') {
      lost ||= !held;
      return;
    }
    renewing = held
      .then(
        (ok) => void (lost ||= !ok),
        (e: unknown) => log(`renewing the lease on version ${claim.versionId} failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => (renewing = null));
  };
  const heartbeat = setInterval(renew, Math.max(50, Math.floor(leaseMs / 4)));
  try {
    const r = await trainVersion(db, claim.versionId, {
      owner,
      onProgress: (p) => {
        progress = p;
        if (Date.now() - lastRenewal >= 500) renew();
        return !lost;
      },
    });
    clearInterval(heartbeat);
    await renewing;
    log(`version ${claim.versionId} trained on ${r.trainedOn} examples in ${r.trainSeconds.toFixed(1)} s`);
  } catch (e) {
    clearInterval(heartbeat);
    const message = e instanceof Error ? e.message : String(e);
    log(`training version ${claim.versionId} failed: ${message}`);
    // Data problems will not fix themselves: fail at once; anything else gets a few attempts.
    const permanent = /labeled examples|fewer than two labels|not trained by Callsight/.test(message);
    await renewing;
    await queue.releaseTraining(claim.versionId, owner, message, permanent || claim.attempts >= MAX_TRAINING_ATTEMPTS);
  }
}

/** Reclassifies a claimed job batch by batch until it is done or the lease is lost. */
export async function runReclassifyClaim(queue: StudioQueue, db: Db, claim: ReclassifyClaim, owner: string, leaseMs: number, log: (l: string) => void, signal?: AbortSignal) {
  log(`reclassifying model ${claim.modelId} with version ${claim.versionId} from transcript ${claim.cursor + 1}`);
  let classifier: Classifier;
  let scope: ScopeProfile | null;
  try {
    ({ classifier, scope } = await loadVersion(db, claim.versionId));
  } catch (e) {
    await queue.finishReclassify(claim, owner, `The version's artifact could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const labels = classifier.labels;
  let cursor = claim.cursor;
  while (!signal?.aborted) {
    const batch = await queue.reclassifyBatch(claim, cursor, RECLASSIFY_BATCH);
    if (!batch.length) {
      await queue.finishReclassify(claim, owner, null);
      log(`reclassification ${claim.id} done`);
      return;
    }
    const outOfScope: (boolean | null)[] = batch.map(() => null);
    const scores = scoreMany([classifier], batch.map((b) => classificationWindow(b.text)), (t, features, scored) => {
      if (scope) outOfScope[t] = scopeScore(scope, classifier, features, scored[0]!.scores).outOfScope;
    })[0]!;
    const rows = batch.map((b, i) => {
      const s = scores[i]!;
      let best = 0;
      for (let k = 1; k < s.length; k++) if (s[k]! > s[best]!) best = k;
      const label = labels[best] ?? '';
      return { transcriptId: b.id, label, score: s[best] ?? 0, scores: JSON.stringify(Array.from(s, (x) => Math.round(x * 1e4) / 1e4)), outOfScope: outOfScope[i] ?? null, changed: b.label !== label };
    });
    const next = batch[batch.length - 1]!.id;
    if (!(await queue.completeReclassifyBatch(claim, owner, leaseMs, rows, next))) {
      log(`reclassification ${claim.id}: lease lost, another worker continues`);
      return;
    }
    cursor = next;
    await new Promise((r) => setImmediate(r));
  }
}

// A scoring thread (see pool.ts): holds the model versions the pool sent it
// and scores batches of texts with them. Messages arrive in order on one
// port, so a version is always loaded before the first batch that names it.
import { parentPort } from 'node:worker_threads';
import { deserializeModel, parseScopeProfile, type Classifier, type ScopeProfile } from '../classify';
import { getLanguageIdentifier } from '../language/language-identifier';
import { scoreBatch, type BatchModel, type BatchResult } from './score-batch';
import type { ToWorker, FromWorker } from './protocol';

if (!parentPort) throw new Error('pool-worker.ts runs as a worker thread (see lib/scoring/pool.ts)');
const port = parentPort;

const versions = new Map<number, { classifier: Classifier; scope: ScopeProfile | null }>();
/** why a version could not be loaded, for the batches that name it */
const failed = new Map<number, string>();

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'load') {
    // A damaged artifact fails the batches that need it (the pool reports them), not the thread.
    try {
      let scope: ScopeProfile | null = null;
      if (message.scope) {
        try {
          scope = parseScopeProfile(JSON.parse(message.scope));
        } catch {
          scope = null; // the main thread has warned about this profile already
        }
      }
      versions.set(message.versionId, { classifier: deserializeModel(message.artifact), scope });
      failed.delete(message.versionId);
    } catch (e) {
      versions.delete(message.versionId);
      failed.set(message.versionId, e instanceof Error ? e.message : String(e));
    }
    return;
  }
  if (message.type === 'unload') {
    versions.delete(message.versionId);
    failed.delete(message.versionId);
    return;
  }
  try {
    const models: BatchModel[] = [];
    for (const m of message.models) {
      if (m.kind === 'language') {
        models.push({ kind: 'language', identifier: await getLanguageIdentifier(), top: m.top });
        continue;
      }
      const v = versions.get(m.versionId);
      if (!v) throw new Error(`model version ${m.versionId} could not be loaded: ${failed.get(m.versionId) ?? 'not sent to this thread'}`);
      models.push({ kind: 'linear', classifier: v.classifier, scope: v.scope, withScope: m.withScope });
    }
    const results: BatchResult[] = scoreBatch(models, message.texts);
    const transfer: ArrayBuffer[] = [];
    for (const r of results) {
      if (r.kind === 'linear') transfer.push(r.scores.buffer as ArrayBuffer, r.outOfScope.buffer as ArrayBuffer);
      else if (r.scores) transfer.push(r.scores.buffer as ArrayBuffer);
    }
    send({ type: 'result', id: message.id, results }, transfer);
  } catch (e) {
    send({ type: 'error', id: message.id, message: e instanceof Error ? e.message : String(e) });
  }
}

send({ type: 'ready' });

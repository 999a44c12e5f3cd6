// npm run bench -- studio: the model studio's background work through the real
// path (database, queued version, worker loop): training a version on 10,000
// stored examples, and reclassifying 100,000 stored transcripts.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machine, writeSection } from './stats';

const DATASETS = resolve(process.cwd(), process.env.CALLSIGHT_DATASETS ?? '../shared/datasets');
const TRANSCRIPTS = Number(process.env.BENCH_STUDIO_TRANSCRIPTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'callsight-bench-studio-'));
const dbPath = join(dir, 'studio.db');
process.env.DATABASE_URL = `file:${dbPath}`;

const { createDb } = await import('@/lib/db');
const { migrate } = await import('@/lib/migrate');
const { createModel } = await import('@/lib/server/models/create-model');
const { addExamples } = await import('@/lib/server/examples/add-examples');
const { queueTraining } = await import('@/lib/server/training/queue-training');
const { promoteVersion } = await import('@/lib/server/models/promote-version');
const { startReclassify, getReclassifyJob } = await import('@/lib/server/reclassify/start-reclassify');
const { runWorker } = await import('@/lib/jobs/worker');
const { generateTranscripts } = await import('@/prisma/seed/demo/generate');

const log = (s: string) => console.error(`[bench studio] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
const peakRssMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;

await migrate(`file:${dbPath}`);
const db = createDb(`file:${dbPath}`);

// ---- 1. training a version on 10,000 stored examples (BANKING77's train split: 10,003 texts, 77 labels)
const train = readFileSync(join(DATASETS, 'banking77', 'train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; intent: string });
const labels = [...new Set(train.map((r) => r.intent))];
const model = await createModel(db, { name: 'Banking intent', labels: labels.map((name) => ({ name })) });
let t = performance.now();
const added = await addExamples(db, model.id, train.map((r) => ({ text: r.text, labels: [r.intent] })), { source: 'upload' });
const addSeconds = (performance.now() - t) / 1000;
log(`stored ${fmt(added.added)} examples in ${fmt(addSeconds, 1)} s`);
const queued = await queueTraining(db, model.id, { seed: 1 });
t = performance.now();
await runWorker({ exitWhenIdle: true });
const trainWall = (performance.now() - t) / 1000;
const version = await db.modelVersion.findUniqueOrThrow({ where: { id: queued.id }, select: { status: true, trainSeconds: true, trainedOn: true, evaluation: true } });
if (version.status !== 'ready') throw new Error(`version ended ${version.status}`);
const evaluation = JSON.parse(version.evaluation ?? '{}') as { accuracy?: number; macroF1?: number; calibration?: { ece: number } };
log(`trained in ${fmt(trainWall, 1)} s wall (engine ${fmt(version.trainSeconds ?? 0, 1)} s), held-out accuracy ${fmt(evaluation.accuracy ?? 0, 4)}`);
await promoteVersion(db, model.id, queued.id);

// ---- 2. reclassifying stored transcripts with that version
log(`storing ${fmt(TRANSCRIPTS)} transcripts (not timed)…`);
const pool = generateTranscripts(Math.min(TRANSCRIPTS, 20_000), 99, { startDate: new Date('2026-11-28T00:00:00Z'), days: 90 });
{
  const conn = new Database(dbPath);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  const ins = conn.prepare(
    `INSERT INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'English', '{}', ?, ?, ?)`,
  );
  conn.transaction(() => {
    for (let i = 0; i < TRANSCRIPTS; i++) {
      const s = pool[i % pool.length]!;
      ins.run(`s-${i}`, `h-${i}`, `${s.text}\n#${i}`, s.channel, s.agent, s.queue, s.customerId, s.occurredAt, s.occurredAt.slice(0, 10), s.occurredAt);
    }
  })();
  conn.close();
}
const job = await startReclassify(db, model.id);
t = performance.now();
await runWorker({ exitWhenIdle: true });
const reclassWall = (performance.now() - t) / 1000;
const done = await getReclassifyJob(db, job.id);
if (done.status !== 'done' || done.done !== TRANSCRIPTS) throw new Error(`reclassification ended ${done.status} with ${done.done}`);
const predictions = await db.prediction.count({ where: { modelId: model.id } });
log(`reclassified ${fmt(done.done)} in ${fmt(reclassWall, 1)} s (${fmt(done.done / reclassWall)} transcripts/s), ${fmt(predictions)} predictions`);
await db.$disconnect();

await writeSection(
  'Model studio jobs',
  `
Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.

Command: \`npm run bench -- studio\` (\`BENCH_STUDIO_TRANSCRIPTS\` to change the number of transcripts).

What is measured: the real path of the studio's background work, in one worker loop (\`runWorker\`, as \`npx callsight worker\` runs it) on an embedded SQLite database.

| job | size | wall time | rate | result |
|---|---|---|---|---|
| store examples (\`addExamples\`: validate, deduplicate by text hash, insert) | ${fmt(added.added)} BANKING77 texts, ${labels.length} labels | ${fmt(addSeconds, 1)} s | ${fmt(added.added / addSeconds)} examples/s | |
| train a queued version (load examples, held-out fit + calibration + final fit, evaluation with wrong examples and calibration bins, store the artifact) | ${fmt(version.trainedOn)} examples | ${fmt(trainWall, 1)} s (engine: ${fmt(version.trainSeconds ?? 0, 1)} s) | | held-out accuracy ${fmt(evaluation.accuracy ?? 0, 4)}, macro-F1 ${fmt(evaluation.macroF1 ?? 0, 4)}, ECE ${fmt(evaluation.calibration?.ece ?? 0, 4)} |
| reclassify stored transcripts with the promoted version (batches of 500: read, classify on the text window, upsert the prediction, move the cursor, one transaction per batch) | ${fmt(done.done)} transcripts of ~1,000 characters | ${fmt(reclassWall, 1)} s | ${fmt(done.done / reclassWall)} transcripts/s | ${fmt(predictions)} predictions, ${fmt(done.changed)} changed their top label (all were new) |

Peak RSS of the process: ${fmt(peakRssMiB())} MiB. Reclassification runs one model (here with 77 labels) where an ingest runs six, so it is faster per transcript than an ingest (compare "Ingest pipeline"); more worker processes do not split one reclassification job (it is a cursor held under a lease), they work other jobs meanwhile.
`,
);
log('wrote docs/benchmarks.md "Model studio jobs"');

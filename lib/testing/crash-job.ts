import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@/lib/db';
import { generateTranscripts } from '@/prisma/seed/demo/generate';
import { createIngestJob } from '@/lib/server/ingest/create-ingest-job';
import { saveUpload } from '@/lib/server/ingest/save-upload';

/**
 * The job the kill -9 tests (crash.test.ts on either database,
 * crash.postgres.test.ts with three workers) drain: `rows` generated
 * transcripts with external ids crash-0…, uploaded as a CSV and queued with
 * the default models. Returns the job id and the models it runs.
 */
export async function queueCrashJob(db: Db, rows: number): Promise<{ id: string; modelIds: number[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'callsight-crash-')), 'crash.csv');
  const transcripts = generateTranscripts(rows, 99, { startDate: new Date('2026-10-01T00:00:00Z'), days: 30 });
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(path, `id,text,channel,occurred_at\n${transcripts.map((r, i) => [`crash-${i}`, q(`${r.text} (case ${i})`), r.channel, r.occurredAt].join(',')).join('\n')}\n`);
  const saved = await saveUpload(createReadStream(path), 'crash.csv');
  const { id } = await createIngestJob(db, { file: saved, fileName: 'crash.csv', source: 'cli', start: true });
  const modelIds = JSON.parse((await db.ingestJob.findUniqueOrThrow({ where: { id } })).modelIds) as number[];
  return { id, modelIds };
}

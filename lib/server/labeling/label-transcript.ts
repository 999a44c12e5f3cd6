import 'server-only';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { classificationWindow } from '@/lib/ingest/text-window';
import { addExamples } from '@/lib/server/examples/add-examples';

/** Labels a stored transcript for a model (from the labeling queue): it becomes one of the model's examples. */
export async function labelTranscript(db: Db, input: { modelId: number; transcriptId: number; labels: string[] }) {
  const t = await db.transcript.findUnique({ where: { id: input.transcriptId }, select: { id: true, text: true } });
  if (!t) throw notFound(`Transcript ${input.transcriptId} does not exist.`);
  return addExamples(db, input.modelId, [{ text: classificationWindow(t.text), labels: input.labels, transcriptId: t.id }], { source: 'queue', strict: true });
}

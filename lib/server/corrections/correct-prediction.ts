import 'server-only';
import type { Db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/errors';
import { classificationWindow } from '@/lib/ingest/text-window';
import { addExamples } from '@/lib/server/examples/add-examples';

/**
 * A person says a stored prediction is wrong and names the right label: the
 * correction overrides the prediction on the dashboard (counted under the
 * right label, marked corrected) and becomes a labeled example for the next
 * training of the model.
 */
export async function correctPrediction(db: Db, input: { transcriptId: number; modelId: number; label: string }) {
  const [transcript, model, prediction, lastCorrection] = await Promise.all([
    db.transcript.findUnique({ where: { id: input.transcriptId }, select: { id: true, text: true } }),
    db.model.findUnique({ where: { id: input.modelId }, select: { id: true, kind: true, labels: { select: { name: true } } } }),
    db.prediction.findUnique({ where: { transcriptId_modelId: { transcriptId: input.transcriptId, modelId: input.modelId } }, select: { label: true } }),
    db.predictionCorrection.findFirst({ where: { transcriptId: input.transcriptId, modelId: input.modelId }, orderBy: { id: 'desc' }, select: { label: true } }),
  ]);
  if (!transcript) throw notFound(`Transcript ${input.transcriptId} does not exist.`);
  if (!model) throw notFound(`Model ${input.modelId} does not exist.`);
  const labels = model.labels.map((l) => l.name);
  // every model's labels are known (the language model's too): a correction must name one of them
  if (!labels.includes(input.label)) {
    const shown = labels.slice(0, 20).map((l) => `"${l}"`).join(', ');
    throw badRequest(`"${input.label.slice(0, 100)}" is not a label of model ${input.modelId}; its labels are ${shown}${labels.length > 20 ? ` and ${labels.length - 20} more` : ''}.`, [{ path: 'label', message: 'unknown label' }]);
  }
  const previousLabel = lastCorrection?.label ?? prediction?.label ?? '';
  const correction = await db.predictionCorrection.create({
    data: { transcriptId: input.transcriptId, modelId: input.modelId, label: input.label, previousLabel },
    select: { id: true, label: true, previousLabel: true, createdAt: true },
  });
  if (model.kind === 'linear') {
    await addExamples(db, input.modelId, [{ text: classificationWindow(transcript.text), labels: [input.label], transcriptId: transcript.id }], { source: 'correction', strict: true });
  }
  return correction;
}

import { ECE_BINS, type Evaluation, type LabeledExample, type TrainResult } from '@/lib/classify';

/** One held-out example the model got wrong. */
export interface WrongExample {
  text: string;
  truth: string[];
  predicted: string;
  score: number;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  /** mean top score of the examples in the bin */
  confidence: number;
  /** share of them whose top label was right */
  accuracy: number;
}

/** What a version's evaluation holds: the engine's metrics plus what the studio shows of them. */
export interface StoredEvaluation extends Evaluation {
  /** the most confident mistakes first, at most 50, texts cut to 500 characters */
  wrong: WrongExample[];
  calibration: { ece: number; bins: CalibrationBin[] };
}

const MAX_WRONG = 50;

/** Builds the stored evaluation from a training result and the examples it was trained on. */
export function buildStoredEvaluation(result: TrainResult, examples: readonly LabeledExample[]): StoredEvaluation | null {
  if (!result.evaluation) return null;
  const labels = result.model.labels;
  const wrong: WrongExample[] = [];
  const bins = Array.from({ length: ECE_BINS }, (_, b) => ({ from: b / ECE_BINS, to: (b + 1) / ECE_BINS, count: 0, conf: 0, hits: 0 }));
  for (const { index, scores } of result.heldOutScores) {
    const ex = examples[index];
    if (!ex) continue;
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
    const predicted = labels[best] ?? '';
    const score = scores[best] ?? 0;
    const right = ex.labels.includes(predicted);
    const bin = bins[Math.min(ECE_BINS - 1, Math.max(0, Math.ceil(score * ECE_BINS) - 1))]!;
    bin.count++;
    bin.conf += score;
    bin.hits += right ? 1 : 0;
    if (!right) wrong.push({ text: ex.text.length > 500 ? `${ex.text.slice(0, 499)}…` : ex.text, truth: [...ex.labels], predicted, score });
  }
  wrong.sort((a, b) => b.score - a.score);
  const n = result.heldOutScores.length;
  const ece = n ? bins.reduce((a, b) => a + (b.count ? (b.count / n) * Math.abs(b.hits / b.count - b.conf / b.count) : 0), 0) : 0;
  return {
    ...result.evaluation,
    wrong: wrong.slice(0, MAX_WRONG),
    calibration: {
      ece,
      bins: bins.map((b) => ({ from: b.from, to: b.to, count: b.count, confidence: b.count ? b.conf / b.count : 0, accuracy: b.count ? b.hits / b.count : 0 })),
    },
  };
}

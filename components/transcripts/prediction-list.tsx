import { fmtDateTime, fmtScore } from '@/components/dashboard/format';
import { CorrectPrediction } from '@/components/studio/correct-prediction';
import type { TranscriptDetail } from '@/lib/server/analytics/types';

const SHOWN = 6;

type Prediction = TranscriptDetail['predictions'][number];

function ScoreRows({ scores, top }: { scores: Prediction['scores']; top: string }) {
  return (
    <ul className="scores">
      {scores.map((s) => (
        <li key={s.label} data-top={s.label === top || undefined}>
          <span className="scores-label">{s.label}</span>
          <span className="scores-bar" aria-hidden>
            <span style={{ width: `${Math.max(0.5, 100 * s.score)}%` }} />
          </span>
          <span className="scores-value">{fmtScore(s.score)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Every model's full score list for one transcript, each in its own region
 * with the way to correct it: a correction is stored as a labeled example
 * and shows on the dashboard as corrected.
 */
export function PredictionList({ transcriptId, predictions }: { transcriptId: number; predictions: Prediction[] }) {
  if (!predictions.length) return <p className="muted">No model has classified this transcript.</p>;
  return (
    <div className="predictions">
      {predictions.map((p) => (
        <section key={p.modelId} className="prediction-model" aria-label={`${p.modelName} scores`}>
          <header className="prediction-head">
            <h3>{p.modelName}</h3>
            {/* the label the dashboard counts: a person's correction wins over the model */}
            <span className="pill" data-corrected={p.correction ? true : undefined} title={p.correction ? `Corrected by a person; the model said ${p.label}` : undefined}>
              {p.correction?.label ?? p.label}
            </span>
            <span className="muted prediction-meta" title={p.modelVersionId !== null ? `Scored by model version id ${p.modelVersionId}` : undefined}>
              {p.multiLabel ? 'multi-label' : 'single-label'}
            </span>
          </header>
          {p.correction ? <p className="correction-note">Corrected on {fmtDateTime(p.correction.createdAt)}; the scores below are the model&apos;s.</p> : null}
          <ScoreRows scores={p.scores.slice(0, SHOWN)} top={p.label} />
          {p.scores.length > SHOWN ? (
            <details className="more-scores">
              <summary>All {p.scores.length} scores</summary>
              <ScoreRows scores={p.scores.slice(SHOWN)} top={p.label} />
            </details>
          ) : null}
          <CorrectPrediction transcriptId={transcriptId} modelId={p.modelId} modelName={p.modelName} label={p.label} labels={p.labels} correction={p.correction} />
        </section>
      ))}
    </div>
  );
}

import { fmtDateTime, fmtScore } from '@/components/dashboard/format';
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
 * Every model's full score list for one transcript. Each model has its own
 * region so a label correction (not built yet) can sit beside its scores.
 */
export function PredictionList({ predictions }: { predictions: Prediction[] }) {
  if (!predictions.length) return <p className="muted">No model has classified this transcript.</p>;
  return (
    <div className="predictions">
      {predictions.map((p) => (
        <section key={p.modelId} className="prediction-model" aria-label={`${p.modelName} scores`}>
          <header className="prediction-head">
            <h3>{p.modelName}</h3>
            <span className="pill">{p.label}</span>
            <span className="muted prediction-meta" title={p.modelVersionId !== null ? `Scored by model version id ${p.modelVersionId}` : undefined}>
              {p.multiLabel ? 'multi-label' : 'single-label'}
            </span>
          </header>
          {p.correction ? (
            <p className="correction-note">
              Corrected from {p.correction.previousLabel} to {p.correction.label} on {fmtDateTime(p.correction.createdAt)}
            </p>
          ) : null}
          <ScoreRows scores={p.scores.slice(0, SHOWN)} top={p.label} />
          {p.scores.length > SHOWN ? (
            <details className="more-scores">
              <summary>All {p.scores.length} scores</summary>
              <ScoreRows scores={p.scores.slice(SHOWN)} top={p.label} />
            </details>
          ) : null}
          <button type="button" className="link-button correct-label" disabled title="Label corrections are coming: they will feed the next training run">
            Correct a label
          </button>
        </section>
      ))}
    </div>
  );
}

import { BUCKET_TITLES } from '@/components/dashboard/filter-edits';
import { fmtDateTime, fmtScore } from '@/components/dashboard/format';
import { fmtThreshold, predictionState } from '@/components/dashboard/prediction-text';
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
 * What the dashboard counts this prediction as: a person's correction wins;
 * else Out of scope (the text is unlike the model's training data), else
 * Uncertain (below the threshold in force), else the label. The model's
 * guess and the threshold stay readable beside the badge, not only in its tooltip.
 */
function PredictionBadge({ p, fromFilter }: { p: Prediction; fromFilter: boolean }) {
  const state = predictionState({ corrected: p.correction !== null, outOfScope: p.outOfScope, uncertain: p.uncertain });
  if (state === 'corrected') {
    return (
      <span className="pill" data-corrected title={`Corrected by a person; the model said ${p.label}`}>
        {p.correction?.label ?? p.label}
      </span>
    );
  }
  const whose = fromFilter ? "the confidence filter's" : "the model's";
  const threshold = p.threshold > 0 ? `${whose} threshold ${fmtThreshold(p.threshold)}` : fromFilter ? 'confidence filter: Any' : 'no threshold: every prediction counts';
  if (state === 'counted') {
    return (
      <>
        <span className="pill" title={`${fmtScore(p.score)}; ${threshold}`}>
          {p.label}
        </span>
        <span className="muted prediction-why">
          {fmtScore(p.score)} · {threshold}
        </span>
      </>
    );
  }
  const why =
    state === 'uncertain'
      ? `The model's top label, ${p.label}, scores ${fmtScore(p.score)}: below ${whose} threshold of ${fmtThreshold(p.threshold)}, so it is counted as Uncertain, under no label.`
      : `The text is unlike what ${p.modelName} was trained on, so the model's guess, ${p.label} at ${fmtScore(p.score)}, is counted as Out of scope, under no label.`;
  return (
    <>
      <span className="pill" data-state={state} title={why}>
        {BUCKET_TITLES[state]}
      </span>
      <span className="muted prediction-why">
        guess {p.label} {fmtScore(p.score)}
        {state === 'uncertain' ? ` · below ${whose} ${fmtThreshold(p.threshold)}` : ' · unlike its training data'}
      </span>
    </>
  );
}

/**
 * Every model's full score list for one transcript, each in its own region
 * with the way to correct it: a correction is stored as a labeled example
 * and shows on the dashboard as corrected.
 */
export function PredictionList({ transcriptId, predictions, fromFilter = false }: { transcriptId: number; predictions: Prediction[]; /** the thresholds are the confidence filter's (min=), not the models' */ fromFilter?: boolean }) {
  if (!predictions.length) return <p className="muted">No model has classified this transcript.</p>;
  return (
    <div className="predictions">
      {predictions.map((p) => (
        <section key={p.modelId} className="prediction-model" aria-label={`${p.modelName} scores`}>
          <header className="prediction-head">
            <h3>{p.modelName}</h3>
            <PredictionBadge p={p} fromFilter={fromFilter} />
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

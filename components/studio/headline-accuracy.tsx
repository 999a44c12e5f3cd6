import { evaluationPhrase } from '@/components/dashboard/prediction-text';
import type { VersionSummary } from './api';
import { fmtMetric } from './format';

/**
 * A version's headline accuracy with what it was measured on, how many
 * examples and when; when that is a separate set (the demo models'
 * hand-written transcripts), the held-out split's figure follows, secondary.
 */
export function HeadlineAccuracy({ version }: { version: Pick<VersionSummary, 'headline' | 'accuracy'> }) {
  const h = version.headline;
  const split = version.accuracy;
  const separate = !!h && split !== null && h.accuracy !== split;
  return (
    <p className="headline-eval" data-testid="headline-evaluation">
      {evaluationPhrase(h)}
      {separate ? <span className="eval-basis">{fmtMetric(split)} on the held-out split of its training examples</span> : null}
    </p>
  );
}

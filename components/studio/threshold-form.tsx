'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { fmtThreshold, type ThresholdSource } from '@/components/dashboard/prediction-text';
import { ZUpdateModel } from '@/lib/schemas/studio';
import { studioKeys, updateModel } from './api';

/** Where the threshold in force comes from, in a sentence (the note under the form). */
export function thresholdSourceText(o: { threshold: number; source: ThresholdSource; multiLabel: boolean }): string {
  const under = o.threshold > 0 ? `predictions under ${fmtThreshold(o.threshold)} show as Uncertain on the dashboard` : 'every prediction counts under its label on the dashboard';
  if (o.source === 'set') return `Set by a person: ${under}.`;
  if (o.source === 'evaluation')
    return o.threshold > 0
      ? `From the evaluation: ${fmtThreshold(o.threshold)}, the lowest score at which the active version was right at least 9 times in 10 on its held-out examples; predictions below it are Uncertain.`
      : 'From the evaluation: the active version was right at least 9 times in 10 at every score on its held-out examples, so every prediction counts under its label.';
  return o.multiLabel ? `Default for a multi-label model: labels under ${fmtThreshold(o.threshold)} are not counted.` : `No evaluation suggests a threshold yet: ${under}.`;
}

/**
 * Below the threshold a prediction counts as "Uncertain" on the dashboard.
 * The form says where the one in force comes from (a person, the active
 * version's evaluation, the default) and hands a person's choice back to the
 * evaluation with one button (PATCH `{threshold: null}`).
 */
export function ThresholdForm({
  modelId,
  threshold,
  source,
  suggested,
  multiLabel,
}: {
  modelId: number;
  threshold: number;
  source: ThresholdSource;
  /** the active version's suggestion (its evaluation), if any */
  suggested: number | null;
  multiLabel: boolean;
}) {
  const [value, setValue] = useState(String(threshold));
  // the threshold changed under the form (saved, handed back, another tab): show the new one
  const [shown, setShown] = useState(threshold);
  if (shown !== threshold) {
    setShown(threshold);
    setValue(String(threshold));
  }
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (t: number | null) => updateModel(modelId, { threshold: t }),
    onSuccess: (s) => queryClient.setQueryData(studioKeys.model(modelId), s),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ZUpdateModel.shape.threshold.safeParse(value.trim() === '' ? Number.NaN : Number(value));
    if (!parsed.success || parsed.data === undefined || parsed.data === null || Number.isNaN(parsed.data)) {
      setInvalid('Enter a number between 0 and 1, such as 0.4.');
      return;
    }
    setInvalid(null);
    save.mutate(parsed.data);
  };
  const handBack = suggested !== null ? `Use the evaluation's (${fmtThreshold(suggested)})` : multiLabel ? `Use the default (${fmtThreshold(0.5)})` : 'Use the default (count every prediction)';
  return (
    <section className="card" aria-labelledby={`threshold-${modelId}`}>
      <h2 id={`threshold-${modelId}`}>Confidence threshold</h2>
      <form className="threshold-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">Uncertain below</span>
          <span className="threshold-inputs">
            <input type="range" min={0} max={1} step={0.01} value={Number(value) || 0} onChange={(e) => setValue(e.target.value)} aria-hidden tabIndex={-1} />
            <input type="number" min={0} max={1} step={0.01} value={value} onChange={(e) => setValue(e.target.value)} aria-label="Confidence threshold" aria-invalid={!!invalid} />
          </span>
        </label>
        <button type="submit" className="button secondary" disabled={save.isPending || Number(value) === threshold}>
          Save
        </button>
      </form>
      <p className="muted small threshold-source" data-testid="threshold-note" data-source={source}>
        {thresholdSourceText({ threshold, source, multiLabel })}
        {source === 'set' ? (
          <button type="button" className="link-button" disabled={save.isPending} onClick={() => save.mutate(null)}>
            {handBack}
          </button>
        ) : null}
      </p>
      {invalid ? (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      ) : null}
      {save.isError ? (
        <p className="field-error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess && !save.isPending ? (
        <p className="ok small" role="status">
          Saved.
        </p>
      ) : null}
    </section>
  );
}

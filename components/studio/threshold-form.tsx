'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ZUpdateModel } from '@/lib/schemas/studio';
import { fmtPct } from './format';
import { studioKeys, updateModel } from './api';

/** Below the threshold a prediction counts as "Uncertain" on the dashboard. */
export function ThresholdForm({ modelId, threshold }: { modelId: number; threshold: number }) {
  const [value, setValue] = useState(String(threshold));
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (t: number) => updateModel(modelId, { threshold: t }),
    onSuccess: (s) => queryClient.setQueryData(studioKeys.model(modelId), s),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ZUpdateModel.shape.threshold.safeParse(value.trim() === '' ? Number.NaN : Number(value));
    if (!parsed.success || parsed.data === undefined || Number.isNaN(parsed.data)) {
      setInvalid('Enter a number between 0 and 1, such as 0.4.');
      return;
    }
    setInvalid(null);
    save.mutate(parsed.data);
  };
  return (
    <section className="card" aria-labelledby={`threshold-${modelId}`}>
      <h2 id={`threshold-${modelId}`}>Confidence threshold</h2>
      <form className="threshold-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">Uncertain below</span>
          <span className="threshold-inputs">
            <input type="range" min={0} max={1} step={0.05} value={Number(value) || 0} onChange={(e) => setValue(e.target.value)} aria-hidden tabIndex={-1} />
            <input type="number" min={0} max={1} step={0.05} value={value} onChange={(e) => setValue(e.target.value)} aria-label="Confidence threshold" aria-invalid={!!invalid} />
          </span>
        </label>
        <button type="submit" className="button secondary" disabled={save.isPending || Number(value) === threshold}>
          Save
        </button>
      </form>
      <p className="muted small" data-testid="threshold-note">
        {threshold > 0 ? `Predictions scoring under ${fmtPct(threshold)} show as Uncertain on the dashboard.` : 'Every prediction counts under its label on the dashboard.'}
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

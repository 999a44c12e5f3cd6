'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import '@/app/studio.css';
import { correctPrediction } from './api';
import { useCan } from '@/components/auth/permissions-context';

export interface CorrectPredictionProps {
  transcriptId: number;
  modelId: number;
  modelName: string;
  /** the label the transcript shows now (the model's, or an earlier correction's) */
  label: string;
  /** the model's labels in its order: what the correction can choose from */
  labels: string[];
  /** the newest correction by a person, if any (TranscriptDetail's `correction`) */
  correction: { label: string; previousLabel: string; createdAt: string } | null;
}

/**
 * "This prediction is wrong": pick the right label from the model's labels.
 * The correction counts on the dashboard at once (marked corrected) and is
 * stored as a labeled example for the model's next training.
 */
export function CorrectPrediction({ transcriptId, modelId, modelName, label, labels, correction }: CorrectPredictionProps) {
  const id = useId();
  const canLabel = useCan('label');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const save = useMutation({
    mutationFn: (l: string) => correctPrediction(modelId, transcriptId, l),
    onSuccess: () => {
      setOpen(false);
      setChoice('');
      router.refresh(); // the page's own label and scores show the correction
    },
  });
  const current = save.data ?? correction;
  const shown = current?.label ?? label;
  const options = labels.filter((l) => l !== shown);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice && options.includes(choice)) save.mutate(choice);
  };

  return (
    <div className="correction" data-corrected={current ? true : undefined}>
      {current ? (
        <p className="corrected-note" role="status" aria-label={`${modelName} corrected`}>
          <span className="status-badge" data-status="corrected">
            Corrected
          </span>{' '}
          to <strong>{current.label}</strong>
          {current.previousLabel ? <span className="muted"> (was {current.previousLabel})</span> : null}
        </p>
      ) : null}
      {open ? (
        <form className="correction-form" onSubmit={submit} aria-label={`Correct ${modelName}`}>
          <label htmlFor={`${id}-label`} className="field-label">
            Right label
          </label>
          <div className="correction-row">
            <select id={`${id}-label`} value={choice} onChange={(e) => setChoice(e.target.value)} required>
              <option value="" disabled>
                Choose…
              </option>
              {options.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <button type="submit" className="button small" disabled={!choice || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save correction'}
            </button>
            <button type="button" className="link-button small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          <p className="muted small">It counts under this label on the dashboard and becomes a training example for {modelName}.</p>
          {save.isError ? (
            <p className="field-error small" role="alert">
              {save.error.message}
            </p>
          ) : null}
        </form>
      ) : !canLabel ? null : (
        <button type="button" className="link-button correct-label" aria-expanded={false} onClick={() => setOpen(true)}>
          {current ? 'Change the correction' : 'Correct a label'}
        </button>
      )}
    </div>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fmtInt } from '@/components/dashboard/format';
import { studioKeys, uploadExamples } from './api';

/** Labeled examples from a CSV/JSONL/JSON file, through the same parser and limits as transcript uploads. */
export function ExamplesUpload({ modelId, labels, multiLabel }: { modelId: number; labels: string[]; multiLabel: boolean }) {
  const id = useId();
  const [textField, setTextField] = useState('text');
  const [labelField, setLabelField] = useState('label');
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadExamples(modelId, file, { text: textField, label: labelField }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: studioKeys.model(modelId) }),
  });
  const r = upload.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add labeled examples</h2>
      <p className="muted small">
        A CSV with a header row, JSON Lines or JSON, UTF-8, one example a row: the text and its label
        {multiLabel ? ' (several as a|b)' : ''}. The labels are {labels.map((l, i) => (
          <span key={l}>
            {i ? ', ' : ''}
            <q>{l}</q>
          </span>
        ))}
        . A text labeled before is relabeled, not duplicated.
      </p>
      <div className="upload-fields">
        <label className="field">
          <span className="field-label">Text column</span>
          <input value={textField} onChange={(e) => setTextField(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span className="field-label">Label column</span>
          <input value={labelField} onChange={(e) => setLabelField(e.target.value)} maxLength={200} />
        </label>
      </div>
      <label className="button secondary file-button" data-busy={upload.isPending || undefined}>
        {upload.isPending ? 'Uploading…' : 'Choose a file…'}
        <input
          type="file"
          className="sr-only"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,text/csv,application/json"
          aria-label="Examples file"
          disabled={upload.isPending}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) upload.mutate(file);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {upload.isError ? (
        <p className="field-error" role="alert">
          {upload.error.message}
        </p>
      ) : null}
      {r ? (
        <div className="upload-result" role="status" data-testid="examples-result">
          <p>
            <strong>{fmtInt(r.added)} added</strong>, {fmtInt(r.updated)} relabeled, {fmtInt(r.rejectedCount)} rejected of {fmtInt(r.rows)} rows.
          </p>
          {r.rejected.length ? (
            <details open={r.rejected.length <= 5}>
              <summary>Rejected rows</summary>
              <table className="data compact" aria-label="Rejected rows">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">What to fix</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rejected.slice(0, 100).map((x) => (
                    <tr key={`${x.line}-${x.reason}`}>
                      <td className="num">{x.line}</td>
                      <td>{x.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.rejectedCount > 100 ? <p className="muted small">The first 100 of {fmtInt(r.rejectedCount)} are shown.</p> : null}
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { MAPPING_FIELDS, type TColumnMapping, type TMappingField } from '@/lib/schemas/ingest';
import { startJob, type DraftUpload } from './api';

export interface ModelOption {
  id: number;
  name: string;
}

const FIELD_LABELS: Record<TMappingField, string> = {
  text: 'Text',
  externalId: 'ID',
  occurredAt: 'Timestamp',
  channel: 'Channel',
  agent: 'Agent',
  queue: 'Queue',
  customerId: 'Customer',
};

/** The preview of the first rows, the column mapping and the models to run. Cell text is rendered as text, never HTML. */
export function MappingForm({ draft, models, onStarted }: { draft: DraftUpload; models: ModelOption[]; onStarted: () => void }) {
  const { columns, rows, errors, format, delimiter } = draft.preview;
  const [mapping, setMapping] = useState<Partial<TColumnMapping>>(draft.mapping);
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(models.map((m) => m.id)));
  const start = useMutation({
    mutationFn: () => {
      if (!mapping.text) throw new Error('Choose the column that holds the transcript text.');
      return startJob(draft.id, mapping as TColumnMapping, [...chosen]);
    },
    onSuccess: onStarted,
  });
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const sep = delimiter === '\t' ? 'tab' : delimiter;

  return (
    <>
      <p className="muted">
        {format.toUpperCase()}
        {sep ? `, separated by ${sep}` : ''} · {columns.length} column{columns.length === 1 ? '' : 's'}. Columns you do not map are kept as metadata.
      </p>
      <div style={{ overflowX: 'auto', maxHeight: 260 }}>
        <table className="data" aria-label="Preview">
          <thead>
            <tr>
              <th className="num">Line</th>
              {columns.map((c) => (
                <th key={c}>
                  {c}
                  {mapped.has(c) ? '' : ' (metadata)'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 10).map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                {columns.map((c) => (
                  <td key={c} title={r.record[c]}>
                    {(r.record[c] ?? '').slice(0, 120)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > 0 && <p className="muted">First rows with problems: {errors.map((e) => `line ${e.line}: ${e.reason}`).join('; ')}</p>}

      <fieldset style={{ display: 'flex', flexWrap: 'wrap', gap: '0.75rem', border: 0, padding: 0, margin: '1rem 0' }}>
        <legend>Columns</legend>
        {MAPPING_FIELDS.map((field) => (
          <label key={field} style={{ display: 'flex', flexDirection: 'column' }}>
            <span className="muted">
              {FIELD_LABELS[field]}
              {field === 'text' ? ' *' : ''}
            </span>
            <select
              aria-label={`${FIELD_LABELS[field]} column`}
              value={mapping[field] ?? ''}
              onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value || undefined }))}
            >
              <option value="">{field === 'text' ? 'choose…' : '(none)'}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>

      <fieldset style={{ border: 0, padding: 0, margin: '0 0 1rem' }}>
        <legend>Models</legend>
        {models.map((m) => (
          <label key={m.id} style={{ marginRight: '1rem' }}>
            <input
              type="checkbox"
              checked={chosen.has(m.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(m.id);
                else next.delete(m.id);
                setChosen(next);
              }}
            />{' '}
            {m.name}
          </label>
        ))}
      </fieldset>

      <button type="button" className="pill" disabled={start.isPending || !mapping.text || chosen.size === 0} onClick={() => start.mutate()}>
        {start.isPending ? 'Starting…' : 'Start import'}
      </button>
      {start.isError && <p role="alert">{start.error.message}</p>}
    </>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { ZCreateModel } from '@/lib/schemas/studio';
import { ApiCallError } from '@/components/api/call-api';
import { createModel } from './api';

export interface ParentOption {
  id: number;
  name: string;
  labels: string[];
}

interface LabelRow {
  key: number;
  name: string;
  description: string;
  parentLabel: string;
}

/** `labels[1].name`, the notation the API's error details use. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

let nextKey = 0;
const emptyRow = (): LabelRow => ({ key: nextKey++, name: '', description: '', parentLabel: '' });

/** Name, question, single/multi, label rows; optionally a parent model and each label's parent label. */
export function CreateModelForm({ parents }: { parents: ParentOption[] }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const [multiLabel, setMultiLabel] = useState(false);
  const [parentId, setParentId] = useState<number | null>(null);
  const [rows, setRows] = useState<LabelRow[]>(() => [emptyRow(), emptyRow(), emptyRow()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const parent = parents.find((p) => p.id === parentId) ?? null;

  const create = useMutation({
    mutationFn: createModel,
    onSuccess: (m) => router.push(`/models/${m.id}`),
    onError: (e) => {
      if (e instanceof ApiCallError) setErrors(Object.fromEntries(e.details.map((d) => [d.path, d.message])));
    },
  });

  const setRow = (key: number, patch: Partial<LabelRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Blank trailing rows are left out rather than refused.
    const filled = rows.filter((r) => r.name.trim() || r.description.trim());
    const parsed = ZCreateModel.safeParse({
      name,
      question,
      multiLabel,
      parentModelId: parent?.id ?? null,
      labels: filled.map((r) => ({ name: r.name, description: r.description, parentLabel: parent && r.parentLabel ? r.parentLabel : null })),
    });
    if (!parsed.success) {
      // paths refer to the filled rows: map them back to the rows on screen
      const out: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const [first, index, ...rest] = issue.path;
        const path = first === 'labels' && typeof index === 'number' ? formatPath(['labels', rows.indexOf(filled[index] ?? rows[0]!), ...rest]) : formatPath(issue.path);
        out[path] ??= issue.message;
      }
      setErrors(out);
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  };

  const err = (path: string) =>
    errors[path] ? (
      <span className="field-error" id={`${id}-${path}`} role="alert">
        {errors[path]}
      </span>
    ) : null;
  const described = (path: string) => (errors[path] ? `${id}-${path}` : undefined);

  return (
    <form className="card studio-form" onSubmit={submit} noValidate aria-label="New model">
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Contact reason" aria-invalid={!!errors.name} aria-describedby={described('name')} />
          {err('name')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-question`}>
            Question it answers
          </label>
          <input id={`${id}-question`} value={question} onChange={(e) => setQuestion(e.target.value)} maxLength={300} placeholder="Why did the customer get in touch?" aria-describedby={described('question')} />
          {err('question')}
        </div>
      </div>

      <fieldset className="field">
        <legend className="field-label">Labels per transcript</legend>
        <div className="segmented" role="group" aria-label="Labels per transcript">
          <button type="button" aria-pressed={!multiLabel} onClick={() => setMultiLabel(false)}>
            Single-label
          </button>
          <button type="button" aria-pressed={multiLabel} onClick={() => setMultiLabel(true)}>
            Multi-label
          </button>
        </div>
        <span className="field-hint">{multiLabel ? 'A transcript can have several labels at once (Billing and Technical).' : 'Every transcript gets exactly one label.'}</span>
      </fieldset>

      <div className="field narrow">
        <label className="field-label" htmlFor={`${id}-parent`}>
          Parent model (optional)
        </label>
        <select id={`${id}-parent`} value={parentId ?? ''} onChange={(e) => setParentId(e.target.value ? Number(e.target.value) : null)} aria-invalid={!!errors.parentModelId}>
          <option value="">None</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <span className="field-hint">Each label can sit under one of the parent model’s labels, as Root Cause sits under Issue Type.</span>
        {err('parentModelId')}
      </div>

      <fieldset className="field">
        <legend className="field-label">Labels</legend>
        {err('labels')}
        <table className="label-rows">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Label</th>
              <th scope="col">Description</th>
              {parent ? <th scope="col">Under {parent.name} label</th> : null}
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td className="muted num">{i + 1}</td>
                <td>
                  <input
                    aria-label={`Label ${i + 1} name`}
                    value={r.name}
                    maxLength={100}
                    onChange={(e) => setRow(r.key, { name: e.target.value })}
                    aria-invalid={!!errors[`labels[${i}].name`]}
                    aria-describedby={described(`labels[${i}].name`)}
                  />
                  {err(`labels[${i}].name`)}
                </td>
                <td>
                  <input aria-label={`Label ${i + 1} description`} value={r.description} maxLength={500} onChange={(e) => setRow(r.key, { description: e.target.value })} />
                  {err(`labels[${i}].description`)}
                </td>
                {parent ? (
                  <td>
                    <select aria-label={`Label ${i + 1} parent label`} value={r.parentLabel} onChange={(e) => setRow(r.key, { parentLabel: e.target.value })}>
                      <option value="">None</option>
                      {parent.labels.map((l) => (
                        <option key={l} value={l}>
                          {l}
                        </option>
                      ))}
                    </select>
                    {err(`labels[${i}].parentLabel`)}
                  </td>
                ) : null}
                <td>
                  <button type="button" className="icon-button" aria-label={`Remove label ${i + 1}`} disabled={rows.length <= 2} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button secondary" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
          Add label
        </button>
      </fieldset>

      {create.isError && !(create.error instanceof ApiCallError && create.error.details.length) ? (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending || create.isSuccess}>
          {create.isPending ? 'Creating…' : 'Create model'}
        </button>
      </div>
    </form>
  );
}

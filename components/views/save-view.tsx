'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiCallError } from '@/components/api/call-api';
import { MAX_VIEW_NAME, type TApiView } from '@/lib/schemas/saved-views';
import { viewPathOf, viewQueryOf } from './view-query';
import { useCreateView } from './views-api';

/**
 * "Save view": names the filters (and the chart choices or the table's
 * sort) on screen, for everyone in the workspace; optionally the person's
 * default, which the overview opens when it is opened without filters.
 */
export function SaveViewButton() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const path = viewPathOf(pathname);
  const dialog = useRef<HTMLDialogElement>(null);
  const create = useCreateView();
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<TApiView | null>(null);
  const titleId = useId();
  const nameError = useId();
  if (!path) return null;

  const open = () => {
    setName('');
    setIsDefault(false);
    setFieldErrors({});
    setProblem(null);
    create.reset();
    dialog.current?.showModal();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFieldErrors({});
    setProblem(null);
    if (!name.trim()) {
      setFieldErrors({ name: 'A view needs a name.' });
      return;
    }
    const query = viewQueryOf(path, new URLSearchParams(searchParams.toString()));
    create.mutate(
      { name: name.trim(), path, query, is_default: isDefault },
      {
        onSuccess: (view) => {
          setSaved(view);
          dialog.current?.close();
        },
        onError: (err) => {
          if (err instanceof ApiCallError && err.details.length) {
            const byField: Record<string, string> = {};
            const rest: string[] = [];
            for (const d of err.details) {
              if (d.path === 'name' || d.path === 'is_default') byField[d.path] = d.message;
              else rest.push(`${d.path}: ${d.message}`);
            }
            setFieldErrors(byField);
            setProblem(rest.length ? `${err.message} ${rest.join('; ')}` : null);
          } else setProblem(err.message);
        },
      },
    );
  };

  return (
    <>
      <button type="button" className="button secondary" onClick={open} aria-haspopup="dialog">
        Save view
      </button>
      {saved ? (
        <span className="saved-note" role="status">
          Saved as <Link href={`/views/${saved.id}`}>{saved.name}</Link>
          {saved.is_default ? ' (your default)' : ''}
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => setSaved(null)}>
            ×
          </button>
        </span>
      ) : null}
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => create.reset()}>
        <form method="dialog" onSubmit={submit} className="dialog-form" noValidate>
          <h2 id={titleId}>Save this view</h2>
          <p className="muted">Its filters{path === '/' ? ' and chart choices' : ' and sort order'}, under a name everyone in the workspace sees in the sidebar.</p>
          <label className="field">
            <span>Name</span>
            <input
              value={name}
              maxLength={MAX_VIEW_NAME}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={fieldErrors.name ? nameError : undefined}
              autoFocus
              required
            />
          </label>
          {fieldErrors.name ? (
            <p className="form-error" id={nameError}>
              {fieldErrors.name}
            </p>
          ) : null}
          <label className="check">
            <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
            <span>Make this my default view</span>
          </label>
          {fieldErrors.is_default ? <p className="form-error">{fieldErrors.is_default}</p> : null}
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={create.isPending}>
              {create.isPending ? 'Saving…' : 'Save view'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiCallError } from '@/components/api/call-api';
import { useCan } from '@/components/auth/permissions-context';
import { MAX_VIEW_NAME, viewHref, type TApiView } from '@/lib/schemas/saved-views';
import { sameHref } from './view-query';
import { useDeleteView, useUpdateView, useViews } from './views-api';

/**
 * The sidebar's saved views: each a link to `/views/{id}`. "Manage" shows,
 * on the views the person may change (their own; an admin's: all), Rename,
 * Delete and "Make default".
 */
export function ViewsNav() {
  const views = useViews();
  const isAdmin = useCan('admin');
  const [managing, setManaging] = useState(false);
  const headingId = useId();
  const list = views.data?.views ?? [];
  const changeable = list.some((v) => v.mine || isAdmin);

  return (
    <nav className="views-nav" aria-labelledby={headingId}>
      <div className="views-head">
        <h2 id={headingId}>Views</h2>
        {changeable ? (
          <button type="button" className="views-manage" aria-pressed={managing} onClick={() => setManaging((m) => !m)}>
            {managing ? 'Done' : 'Manage'}
          </button>
        ) : null}
      </div>
      {views.isError ? (
        <p className="views-note">
          Could not load the views.{' '}
          <button type="button" className="views-manage" onClick={() => void views.refetch()}>
            Try again
          </button>
        </p>
      ) : !views.data ? (
        <span className="skeleton views-skeleton" aria-hidden />
      ) : list.length === 0 ? (
        <p className="views-note">No saved views yet. &ldquo;Save view&rdquo; on the overview or the transcripts keeps the filters on screen.</p>
      ) : (
        <ul className="views-list">
          {list.map((v) => (
            <ViewItem key={v.id} view={v} canChange={v.mine || isAdmin} managing={managing} />
          ))}
        </ul>
      )}
    </nav>
  );
}

function ViewLink({ view }: { view: TApiView }) {
  return (
    <Suspense fallback={<PlainViewLink view={view} current={false} />}>
      <CurrentViewLink view={view} />
    </Suspense>
  );
}

/** Marked current when the page shows exactly the view's filters (useSearchParams needs its Suspense boundary). */
function CurrentViewLink({ view }: { view: TApiView }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const here = `${pathname}?${searchParams.toString()}`;
  return <PlainViewLink view={view} current={sameHref(here, viewHref(view.path, view.query))} />;
}

function PlainViewLink({ view, current }: { view: TApiView; current: boolean }) {
  const owner = view.mine ? 'yours' : view.owner ? `by ${view.owner.name || view.owner.email}` : 'shared';
  return (
    <Link href={`/views/${view.id}`} aria-current={current ? 'page' : undefined} title={`${view.name} (${owner}${view.is_default ? ', your default' : ''})`}>
      <span className="view-name">{view.name}</span>
      {view.is_default && view.mine ? <span className="view-default"> · default</span> : null}
    </Link>
  );
}

function ViewItem({ view, canChange, managing }: { view: TApiView; canChange: boolean; managing: boolean }) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'confirm'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateView();
  const remove = useDeleteView();
  const renameButton = useRef<HTMLButtonElement>(null);

  // leaving "Manage" puts every row back to a plain link
  useEffect(() => {
    if (!managing) setMode('idle');
  }, [managing]);

  const fail = (e: Error) => setProblem(e instanceof ApiCallError && e.details[0] ? e.details[0].message : e.message);

  if (!managing || !canChange) {
    return (
      <li>
        <ViewLink view={view} />
      </li>
    );
  }

  if (mode === 'rename') {
    return (
      <li className="view-editing">
        <RenameForm
          view={view}
          pending={update.isPending}
          problem={problem}
          onCancel={() => {
            setMode('idle');
            setProblem(null);
            requestAnimationFrame(() => renameButton.current?.focus());
          }}
          onSave={(name) =>
            update.mutate(
              { id: view.id, patch: { name } },
              {
                onSuccess: () => {
                  setMode('idle');
                  setProblem(null);
                  requestAnimationFrame(() => renameButton.current?.focus());
                },
                onError: fail,
              },
            )
          }
        />
      </li>
    );
  }

  return (
    <li className="view-editing">
      <ViewLink view={view} />
      {mode === 'confirm' ? (
        <div className="view-actions" role="group" aria-label={`Delete view ${view.name}?`}>
          <span>Delete?</span>
          <button type="button" className="views-manage danger" disabled={remove.isPending} onClick={() => remove.mutate(view.id, { onError: fail })} autoFocus>
            Delete {view.name}
          </button>
          <button type="button" className="views-manage" onClick={() => setMode('idle')}>
            Keep
          </button>
        </div>
      ) : (
        <div className="view-actions">
          <button ref={renameButton} type="button" className="views-manage" aria-label={`Rename view ${view.name}`} onClick={() => setMode('rename')}>
            Rename
          </button>
          <button type="button" className="views-manage" aria-label={`Delete view ${view.name}`} onClick={() => setMode('confirm')}>
            Delete
          </button>
          {view.mine ? (
            <button
              type="button"
              className="views-manage"
              aria-pressed={view.is_default}
              aria-label={`Default view: ${view.name}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ id: view.id, patch: { is_default: !view.is_default } }, { onError: fail })}
            >
              Default
            </button>
          ) : null}
        </div>
      )}
      {problem ? (
        <p className="views-note" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

function RenameForm({ view, pending, problem, onSave, onCancel }: { view: TApiView; pending: boolean; problem: string | null; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(view.name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onSave(name.trim());
  };
  return (
    <form className="view-rename" onSubmit={submit}>
      <input
        value={name}
        maxLength={MAX_VIEW_NAME}
        aria-label={`New name for view ${view.name}`}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
        autoFocus
      />
      <div className="view-actions">
        <button type="submit" className="views-manage" disabled={pending || !name.trim()}>
          Save
        </button>
        <button type="button" className="views-manage" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {problem ? (
        <p className="views-note" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { uploadFile, type DraftUpload } from './api';
import { MappingForm, type ModelOption } from './mapping-form';
import { JobList } from './job-list';
import { showBidiControls } from '@/lib/text/bidi';

type Pending = { key: string; fileName: string; state: 'uploading' } | { key: string; fileName: string; state: 'error'; message: string } | { key: string; fileName: string; state: 'draft'; draft: DraftUpload };

/** Drop or pick files; each becomes a draft with a preview and a column mapping to confirm. */
export function UploadWorkspace({ models }: { models: ModelOption[] }) {
  const [pending, setPending] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState(false);
  const queryClient = useQueryClient();

  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setPending((p) => [...p, { key, fileName: file.name, state: 'uploading' }]);
      uploadFile(file)
        .then((draft) => setPending((p) => p.map((x) => (x.key === key ? { key, fileName: file.name, state: 'draft', draft } : x))))
        .catch((e: unknown) => setPending((p) => p.map((x) => (x.key === key ? { key, fileName: file.name, state: 'error', message: (e as Error).message } : x))));
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };
  const remove = (key: string) => setPending((p) => p.filter((x) => x.key !== key));

  return (
    <>
      <div
        className="card dropzone"
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{ borderStyle: 'dashed', textAlign: 'center', padding: '2rem', background: dragging ? 'rgba(99,102,241,0.06)' : undefined }}
      >
        <p>Drop CSV, JSON, JSON Lines or text files here, or</p>
        <label className="pill" style={{ cursor: 'pointer' }}>
          choose files
          <input
            type="file"
            multiple
            accept=".csv,.tsv,.json,.jsonl,.ndjson,.txt,text/csv,application/json,text/plain"
            aria-label="Files to upload"
            style={{ display: 'none' }}
            onChange={(e) => {
              add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <p className="muted">CSV with a header row (comma, semicolon or tab), UTF-8. Plain text: one transcript per file or per blank-line block.</p>
      </div>

      {pending.map((p) => (
        <div className="card" key={p.key} aria-label={`Upload ${p.fileName}`} role="region">
          <h2>
            <bdi>{showBidiControls(p.fileName)}</bdi>
          </h2>
          {p.state === 'uploading' && <p className="muted">Uploading…</p>}
          {p.state === 'error' && (
            <>
              <p role="alert">{p.message}</p>
              <button type="button" onClick={() => remove(p.key)}>
                Dismiss
              </button>
            </>
          )}
          {p.state === 'draft' && (
            <MappingForm
              draft={p.draft}
              models={models}
              onStarted={() => {
                remove(p.key);
                void queryClient.invalidateQueries({ queryKey: ['ingest-jobs'] });
              }}
            />
          )}
        </div>
      ))}

      <JobList />
    </>
  );
}

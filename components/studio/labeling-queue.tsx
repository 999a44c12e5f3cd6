'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fmtDateTime, fmtInt } from '@/components/dashboard/format';
import { fetchQueue, labelTranscript, studioKeys, type QueueItem, type TModelStudio, type UncertaintyStrategy } from './api';
import { fmtPct } from './format';
import { LabelCounts } from './label-counts';
import { useStudio } from './use-studio';

const STRATEGIES: { value: UncertaintyStrategy; name: string; hint: string }[] = [
  { value: 'margin', name: 'Margin', hint: 'smallest gap between the two best labels first' },
  { value: 'entropy', name: 'Entropy', hint: 'most spread-out scores first' },
];

/** Keys that belong to a control with focus: the page's shortcuts leave them alone. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return true;
  return (key === 'Enter' || key === ' ') && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY');
}

/**
 * One transcript at a time, the ones the model is least sure about first
 * (active learning). Keys 1–9 pick a label (single-label: labels at once;
 * multi-label: toggles, Enter or Space confirms), S skips.
 */
export function LabelingQueue({ initial, strategy }: { initial: TModelStudio; strategy: UncertaintyStrategy }) {
  const modelId = initial.id;
  const studio = useStudio(modelId, initial).data ?? initial;
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const panel = useRef<HTMLDivElement>(null);

  const [round, setRound] = useState(0);
  const [handled, setHandled] = useState<ReadonlySet<number>>(new Set());
  const skipped = useRef<number[]>([]);
  const [labeledNow, setLabeledNow] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const queue = useQuery({
    queryKey: [...studioKeys.queue(modelId, strategy), round],
    queryFn: () => fetchQueue(modelId, strategy, skipped.current),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const items = queue.isPlaceholderData ? [] : (queue.data?.items ?? []);
  const current: QueueItem | undefined = items.find((i) => !handled.has(i.transcriptId));
  const labels = studio.labels.map((l) => l.name);

  // A batch worked through: fetch the next one (labeled transcripts drop out on the server, skipped ones are sent).
  useEffect(() => {
    if (queue.isSuccess && !queue.isPlaceholderData && items.length > 0 && !current) setRound((r) => r + 1);
  }, [queue.isSuccess, queue.isPlaceholderData, items.length, current]);

  const next = useCallback((id: number) => {
    setHandled((h) => new Set(h).add(id));
    setSelected(new Set());
    panel.current?.focus({ preventScroll: true });
  }, []);

  const save = useMutation({
    mutationFn: (v: { transcriptId: number; labels: string[] }) => labelTranscript(modelId, v.transcriptId, v.labels),
    onSuccess: (_r, v) => {
      setLabeledNow((n) => n + 1);
      next(v.transcriptId);
      void queryClient.invalidateQueries({ queryKey: studioKeys.model(modelId) });
    },
  });

  const skip = useCallback(() => {
    if (!current || save.isPending) return;
    skipped.current = [...skipped.current, current.transcriptId];
    next(current.transcriptId);
  }, [current, next, save.isPending]);

  const pick = useCallback(
    (label: string) => {
      if (!current || save.isPending) return;
      if (!studio.multiLabel) {
        save.mutate({ transcriptId: current.transcriptId, labels: [label] });
        return;
      }
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(label)) n.delete(label);
        else n.add(label);
        return n;
      });
    },
    [current, save, studio.multiLabel],
  );

  const confirm = useCallback(() => {
    if (!current || save.isPending || selected.size === 0) return;
    save.mutate({ transcriptId: current.transcriptId, labels: labels.filter((l) => selected.has(l)) });
  }, [current, labels, save, selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target, e.key)) return;
      if (/^[1-9]$/.test(e.key)) {
        const label = labels[Number(e.key) - 1];
        if (label) {
          e.preventDefault();
          pick(label);
        }
      } else if (e.key === 's' || e.key === 'S') {
        e.preventDefault();
        skip();
      } else if ((e.key === 'Enter' || e.key === ' ') && studio.multiLabel) {
        e.preventDefault();
        confirm();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirm, labels, pick, skip, studio.multiLabel]);

  const setStrategy = (s: UncertaintyStrategy) => {
    if (s === strategy) return;
    skipped.current = [];
    setHandled(new Set());
    setRound(0);
    router.replace(`${pathname}?strategy=${s}`, { scroll: false });
  };

  const waiting = queue.data ? Math.max(0, queue.data.candidates - [...handled].filter((id) => items.some((i) => i.transcriptId === id)).length) : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Label transcripts: {studio.name}</h1>
          <p className="lead">{studio.question || 'Pick the right label for each transcript.'} The transcripts the model is least sure about come first; each label you give becomes a training example.</p>
        </div>
        <div className="page-actions">
          <div className="segmented" role="group" aria-label="Uncertainty measure">
            {STRATEGIES.map((s) => (
              <button key={s.value} type="button" aria-pressed={strategy === s.value} title={s.hint} onClick={() => setStrategy(s.value)}>
                {s.name}
              </button>
            ))}
          </div>
        </div>
      </div>

      <div className="studio-grid queue-grid">
        <div className="queue-main">
          <p className="queue-progress" data-testid="queue-progress" aria-live="polite">
            <strong>{fmtInt(labeledNow)}</strong> labeled this session · {fmtInt(skipped.current.length)} skipped
            {waiting !== null ? ` · ${fmtInt(waiting)} uncertain transcripts waiting` : ''}
          </p>
          {queue.isError ? (
            <p className="notice error" role="alert">
              {queue.error.message}
            </p>
          ) : null}
          {save.isError ? (
            <p className="notice error" role="alert">
              {save.error.message}
            </p>
          ) : null}
          <div className="card queue-card" ref={panel} tabIndex={-1} aria-busy={queue.isFetching || save.isPending}>
            {current ? (
              <article aria-label={`Transcript ${current.transcriptId}`} data-transcript-id={current.transcriptId}>
                <header className="queue-meta">
                  <Link href={`/transcripts/${current.transcriptId}`} target="_blank">
                    Transcript {current.transcriptId}
                  </Link>
                  <span className="muted">
                    {fmtDateTime(current.occurredAt)}
                    {current.channel ? ` · ${current.channel}` : ''}
                  </span>
                  <span className="muted uncertainty" title={strategy === 'margin' ? '1 − the gap between the two best scores' : 'normalised entropy of the scores'}>
                    uncertainty {current.uncertainty.toFixed(2)}
                  </span>
                </header>
                <p className="queue-text">{current.text}</p>
                <div className="guess">
                  <span className="muted">The model’s guess</span>
                  <ul className="scores" aria-label="Top scores">
                    {current.top.map((s) => (
                      <li key={s.label} data-top={s.label === current.predicted || undefined}>
                        <span className="scores-label">{s.label}</span>
                        <span className="scores-bar" aria-hidden>
                          <span style={{ width: `${Math.max(0.5, 100 * s.score)}%` }} />
                        </span>
                        <span className="scores-value">{fmtPct(s.score)}</span>
                      </li>
                    ))}
                  </ul>
                </div>
                <div className="label-choices" role="group" aria-label={studio.multiLabel ? 'Labels (toggle, then confirm)' : 'Right label'}>
                  {labels.map((l, i) => (
                    <button
                      key={l}
                      type="button"
                      className="label-choice"
                      aria-pressed={studio.multiLabel ? selected.has(l) : undefined}
                      aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
                      data-guess={l === current.predicted || undefined}
                      disabled={save.isPending}
                      onClick={() => {
                        pick(l);
                        panel.current?.focus({ preventScroll: true });
                      }}
                    >
                      {i < 9 ? <kbd aria-hidden>{i + 1}</kbd> : null}
                      {l}
                    </button>
                  ))}
                </div>
                <div className="queue-actions">
                  {studio.multiLabel ? (
                    <button type="button" className="button" aria-keyshortcuts="Enter" disabled={selected.size === 0 || save.isPending} onClick={confirm}>
                      Confirm {selected.size ? `(${selected.size})` : ''}
                    </button>
                  ) : null}
                  <button type="button" className="button secondary" aria-keyshortcuts="S" onClick={skip} disabled={save.isPending}>
                    Skip
                  </button>
                  <span className="muted small shortcuts">
                    <kbd>1</kbd>–<kbd>{Math.min(9, labels.length)}</kbd> {studio.multiLabel ? 'toggle a label, ' : 'label, '}
                    {studio.multiLabel ? (
                      <>
                        <kbd>Enter</kbd> confirm,{' '}
                      </>
                    ) : null}
                    <kbd>S</kbd> skip
                  </span>
                </div>
              </article>
            ) : queue.isPending || queue.isFetching ? (
              <div aria-label="Loading the queue">
                {Array.from({ length: 6 }, (_, i) => (
                  <span key={i} className="skeleton" style={{ width: `${55 + ((i * 29) % 40)}%`, marginBottom: 12 }} />
                ))}
              </div>
            ) : (
              <div className="empty-state compact" role="status">
                <p className="empty-title">{queue.data?.candidates === 0 && labeledNow === 0 ? 'Nothing to label yet' : 'The queue is empty'}</p>
                <p className="muted">
                  {queue.data?.candidates === 0 && labeledNow === 0
                    ? 'The queue shows stored transcripts this model has classified. Promote a version and reclassify the stored transcripts, or upload new ones.'
                    : 'Every uncertain transcript has been labeled or skipped. Train a new version to learn from the new labels.'}
                </p>
                <Link className="button secondary" href={`/models/${modelId}`}>
                  Back to {studio.name}
                </Link>
              </div>
            )}
          </div>
        </div>
        <aside className="studio-side">
          <LabelCounts studio={studio} compact />
          <p className="muted small">
            <Link href={`/models/${modelId}`}>Train a new version</Link> when the labels that need more have caught up.
          </p>
        </aside>
      </div>
    </>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { fmtDateTime, fmtInt } from '@/components/dashboard/format';
import { discardVersion, fetchVersion, isWorking, promoteVersion, studioKeys, type TModelStudio, type TModelVersionDetail } from './api';
import { CalibrationChart } from './calibration-chart';
import { CompareVersions } from './compare-versions';
import { ConfusionMatrix, DENSE } from './confusion-matrix';
import { fmtMetric, fmtPct, fmtSeconds } from './format';
import { HeadlineAccuracy } from './headline-accuracy';
import { ProgressBar, StatusBadge } from './progress-bar';
import { ReclassifyPanel } from './reclassify-panel';
import { useStudio } from './use-studio';
import { useCan } from '@/components/auth/permissions-context';

function useVersion(modelId: number, versionId: number, initialData?: TModelVersionDetail) {
  return useQuery({
    queryKey: studioKeys.version(modelId, versionId),
    queryFn: () => fetchVersion(modelId, versionId),
    ...(initialData ? { initialData, initialDataUpdatedAt: Date.now() } : {}),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && isWorking(q.state.data.status) ? 1000 : false),
  });
}

/** One version's evaluation on its held-out split, the comparison with the active version, and promote / discard / roll back. */
export function VersionView({ studio: initialStudio, version: initialVersion, active: initialActive }: { studio: TModelStudio; version: TModelVersionDetail; active: TModelVersionDetail | null }) {
  const modelId = initialStudio.id;
  const studio = useStudio(modelId, initialStudio).data ?? initialStudio;
  const v = useVersion(modelId, initialVersion.id, initialVersion).data ?? initialVersion;
  const activeId = studio.activeVersionId;
  const canModels = useCan('models');
  const compareWith = useQuery({
    queryKey: studioKeys.version(modelId, activeId ?? 0),
    queryFn: () => fetchVersion(modelId, activeId ?? 0),
    enabled: activeId !== null && activeId !== v.id,
    ...(initialActive && initialActive.id === activeId ? { initialData: initialActive, initialDataUpdatedAt: Date.now() } : {}),
  });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: studioKeys.model(modelId) });
  const promote = useMutation({ mutationFn: () => promoteVersion(modelId, v.id), onSuccess: refresh });
  const discard = useMutation({ mutationFn: () => discardVersion(modelId, v.id), onSuccess: refresh });

  const activeSummary = studio.versions.find((x) => x.active) ?? null;
  const isActive = v.id === activeId;
  const rollback = !!activeSummary && v.version < activeSummary.version;
  const e = v.evaluation;
  const other = activeId !== null && activeId !== v.id ? compareWith.data : undefined;
  const failed = promote.error ?? discard.error;
  const separateHeadline = !!v.headline && v.accuracy !== null && v.headline.accuracy !== v.accuracy;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {studio.name}: version {v.version}
          </h1>
          <p className="lead">
            <StatusBadge status={v.status} active={isActive} />
            <span className="head-meta">
              {v.trainedOn ? `trained on ${fmtInt(v.trainedOn)} examples, evaluated on ${fmtInt(v.heldOut)} held out` : 'not trained yet'}
              {v.trainSeconds != null ? ` · ${fmtSeconds(v.trainSeconds)}` : ''}
              {v.finishedAt ? ` · ${fmtDateTime(v.finishedAt)}` : ''}
            </span>
          </p>
          {v.headline ? <HeadlineAccuracy version={v} /> : null}
        </div>
        <div className="page-actions">
          {canModels && v.status === 'ready' && !isActive ? (
            <button type="button" className="button" disabled={promote.isPending} onClick={() => promote.mutate()}>
              {rollback ? `Roll back to version ${v.version}` : `Promote version ${v.version}`}
            </button>
          ) : null}
          {canModels && !isActive && (v.status === 'ready' || v.status === 'failed') ? (
            <button
              type="button"
              className="button secondary danger"
              disabled={discard.isPending}
              onClick={() => {
                if (window.confirm(`Discard version ${v.version}? It stays listed but can no longer be promoted.`)) discard.mutate();
              }}
            >
              Discard
            </button>
          ) : null}
        </div>
      </div>
      {failed ? (
        <p className="notice error" role="alert">
          {failed.message}
        </p>
      ) : null}
      {promote.isSuccess ? (
        <p className="notice ok" role="status">
          Version {v.version} is active: new transcripts are classified by it. Reclassify the stored ones below so trends stay comparable.
        </p>
      ) : null}

      {isWorking(v.status) ? (
        <section className="card" aria-label="Training">
          <h2>Training</h2>
          <ProgressBar value={v.progress} label={`Training progress of version ${v.version}`} />
          <p className="muted small">{v.status === 'queued' ? 'Waiting for a worker…' : `${fmtPct(v.progress)} done.`} The evaluation shows here when it finishes.</p>
        </section>
      ) : null}
      {v.status === 'failed' ? (
        <p className="notice error" role="alert">
          Training failed: {v.error ?? 'no reason recorded'}
        </p>
      ) : null}

      {isActive || promote.isSuccess ? <ReclassifyPanel studio={studio} prompt /> : null}

      {e ? (
        <>
          {separateHeadline ? (
            <p className="muted small">
              The figures below are on its held-out split ({fmtInt(v.heldOut)} of its own training examples, set aside); the accuracy above is on a separate set, and is the one the dashboard shows.
            </p>
          ) : null}
          <section className="grid kpis metrics" aria-label="Metrics">
            <Metric label="Accuracy" value={e.accuracy} other={other?.evaluation?.accuracy} hint={studio.multiLabel ? 'exact set of labels right' : 'top label right'} testId="metric-accuracy" />
            <Metric label="Macro-F1" value={e.macroF1} other={other?.evaluation?.macroF1} hint="mean F1 over labels" testId="metric-macro-f1" />
            <Metric label="Calibration error" value={e.calibration?.ece ?? e.ece ?? 0} other={other?.evaluation?.calibration?.ece} hint="expected, 15 bins; lower is better" lowerIsBetter testId="metric-ece" />
            <div className="card kpi">
              <span className="kpi-label">Held out</span>
              <span className="kpi-value">{fmtInt(v.heldOut)}</span>
              <span className="kpi-sub">evaluation split; the served model learns from all {fmtInt(v.trainedOn)}</span>
            </div>
          </section>

          {other ? <CompareVersions current={v} active={other} /> : null}

          <div className={e.confusion.labels.length > DENSE ? 'studio-stack' : 'studio-grid even'}>
            <section className="card" aria-labelledby="per-label-title">
              <h2 id="per-label-title">Per label</h2>
              <PerLabel evaluation={e} />
            </section>
            <section className="card" aria-labelledby="confusion-title">
              <div className="card-head">
                <h2 id="confusion-title">Confusion matrix</h2>
                <span className="card-meta">rows: true label · columns: predicted</span>
              </div>
              <ConfusionMatrix labels={e.confusion.labels} matrix={e.confusion.matrix} multiLabel={studio.multiLabel} />
            </section>
          </div>

          <div className="studio-grid even">
            <section className="card" aria-labelledby="calibration-title">
              <h2 id="calibration-title">Calibration</h2>
              {e.calibration ? <CalibrationChart bins={e.calibration.bins} ece={e.calibration.ece} /> : <p className="muted">This version was evaluated before calibration was stored.</p>}
            </section>
            <section className="card" aria-labelledby="wrong-title">
              <div className="card-head">
                <h2 id="wrong-title">Examples it gets wrong</h2>
                <span className="card-meta">most confident mistakes first</span>
              </div>
              {(e.wrong ?? []).length === 0 ? (
                <p className="muted">None: every held-out example was right.</p>
              ) : (
                <ol className="wrong-list" aria-label="Wrong examples">
                  {(e.wrong ?? []).map((w, i) => (
                    <li key={i}>
                      <p className="wrong-text">{w.text}</p>
                      <p className="wrong-labels">
                        <span>
                          true <span className="pill">{w.truth.join(', ')}</span>
                        </span>
                        <span>
                          predicted <span className="pill wrong">{w.predicted}</span> <span className="score">{fmtPct(w.score)}</span>
                        </span>
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </div>
        </>
      ) : !isWorking(v.status) && v.status !== 'failed' ? (
        <p className="notice">This version has no stored evaluation.</p>
      ) : null}

      <p className="muted small back-link">
        <Link href={`/models/${modelId}`}>All versions of {studio.name}</Link>
      </p>
    </>
  );
}

function Metric({ label, value, other, hint, lowerIsBetter = false, testId }: { label: string; value: number; other?: number | undefined; hint: string; lowerIsBetter?: boolean; testId: string }) {
  const d = other === undefined ? null : value - other;
  const good = d !== null && Math.abs(d) >= 0.0005 && (lowerIsBetter ? d < 0 : d > 0);
  const bad = d !== null && Math.abs(d) >= 0.0005 && !good;
  return (
    <div className="card kpi">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={testId}>
        {fmtMetric(value)}
      </span>
      <span className="kpi-sub">
        {d !== null ? (
          <>
            <span className={`delta ${good ? 'good' : bad ? 'bad' : 'neutral'}`}>
              {d >= 0 ? '+' : '−'}
              {Math.abs(d).toFixed(3)}
            </span>{' '}
            vs active ·{' '}
          </>
        ) : null}
        {hint}
      </span>
    </div>
  );
}

function PerLabel({ evaluation }: { evaluation: NonNullable<TModelVersionDetail['evaluation']> }) {
  const rows = evaluation.confusion.labels.map((l) => [l, evaluation.perLabel[l]] as const);
  return (
    <div className="table-scroll">
      <table className="data per-label" aria-label="Per-label metrics">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" className="num">
              Precision
            </th>
            <th scope="col" className="num">
              Recall
            </th>
            <th scope="col" className="num">
              F1
            </th>
            <th scope="col" className="num">
              Support
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, m]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{fmtMetric(m?.precision)}</td>
              <td className="num">{fmtMetric(m?.recall)}</td>
              <td className="num">
                <span className="f1-cell">
                  <span className="f1-bar" aria-hidden>
                    <span style={{ width: `${100 * (m?.f1 ?? 0)}%` }} />
                  </span>
                  {fmtMetric(m?.f1)}
                </span>
              </td>
              <td className="num">{m ? fmtInt(m.support) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

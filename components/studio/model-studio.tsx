'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { fmtInt } from '@/components/dashboard/format';
import { queueTraining, studioKeys, type TModelStudio } from './api';
import { ExamplesUpload } from './examples-upload';
import { HeadlineAccuracy } from './headline-accuracy';
import { LabelCounts } from './label-counts';
import { ReclassifyPanel } from './reclassify-panel';
import { ThresholdForm } from './threshold-form';
import { useStudio } from './use-studio';
import { VersionsTable } from './versions-table';
import { useCan } from '@/components/auth/permissions-context';

/** The model's page: labels and their examples, the threshold, versions and training, reclassification. */
export function ModelStudio({ initial }: { initial: TModelStudio }) {
  const studio = useStudio(initial.id, initial);
  const s = studio.data ?? initial;
  const queryClient = useQueryClient();
  const train = useMutation({
    mutationFn: () => queueTraining(s.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studioKeys.model(s.id) }),
  });
  const trainable = s.kind === 'linear';
  const canModels = useCan('models');
  const canLabel = useCan('label');
  const pending = s.versions.find((v) => v.status === 'queued' || v.status === 'training');
  const active = s.versions.find((v) => v.active) ?? null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{s.name}</h1>
          <p className="lead">
            {s.question || 'No question set'}
            <span className="head-meta">
              {s.kind === 'language' ? 'pretrained (fastText lid.176)' : s.multiLabel ? 'multi-label' : 'single-label'}
              {s.parent ? (
                <>
                  {' · under '}
                  <Link href={`/models/${s.parent.id}`}>{s.parent.name}</Link>
                </>
              ) : null}
              {' · '}
              {active ? `version ${active.version} active` : 'no active version'}
            </span>
          </p>
          {active ? <HeadlineAccuracy version={active} /> : null}
        </div>
        {trainable && (canLabel || canModels) ? (
          <div className="page-actions">
            {canLabel ? (
              <Link className="button secondary" href={`/models/${s.id}/label`}>
                Label transcripts
              </Link>
            ) : null}
            {canModels ? (
              <button type="button" className="button" onClick={() => train.mutate()} disabled={train.isPending || !!pending}>
                {pending ? `Version ${pending.version} ${pending.status}…` : 'Train new version'}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {train.isError ? (
        <p className="notice error" role="alert">
          {train.error.message}
        </p>
      ) : null}

      {trainable ? (
        <>
          <div className="studio-grid">
            <LabelCounts studio={s} />
            {canModels ? (
              <div className="studio-side">
                <ExamplesUpload modelId={s.id} labels={s.labels.map((l) => l.name)} multiLabel={s.multiLabel} />
                <ThresholdForm modelId={s.id} threshold={s.threshold} source={s.thresholdSource} suggested={active?.suggestedThreshold ?? null} multiLabel={s.multiLabel} />
              </div>
            ) : null}
          </div>
          <VersionsTable studio={s} />
          {canModels ? <ReclassifyPanel studio={s} /> : null}
        </>
      ) : (
        <>
          <section className="card" aria-labelledby="labels-title">
            <h2 id="labels-title">Labels</h2>
            <p className="muted">This model is pretrained and not trained by Callsight: it has {fmtInt(s.labels.length)} labels and takes no examples.</p>
          </section>
          {canModels ? <ThresholdForm modelId={s.id} threshold={s.threshold} source={s.thresholdSource} suggested={active?.suggestedThreshold ?? null} multiLabel={s.multiLabel} /> : null}
        </>
      )}
    </>
  );
}

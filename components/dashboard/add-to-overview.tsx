'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ApiCallError } from '@/components/api/call-api';
import { useFreshLayout, useSaveLayout } from './use-layout';

/**
 * On a model's page, for admins, when the overview does not show the model:
 * one click appends a bars breakdown of it to the workspace's layout.
 */
export function AddToOverviewHint({ modelId, modelName }: { modelId: number; modelName: string }) {
  const freshLayout = useFreshLayout();
  const save = useSaveLayout();
  const [state, setState] = useState<'idle' | 'working' | 'added' | 'there'>('idle');
  const [problem, setProblem] = useState<string | null>(null);

  const add = async () => {
    setProblem(null);
    setState('working');
    try {
      // append to the layout as stored now, not as this page was rendered
      const { layout } = await freshLayout();
      if (layout.breakdowns.some((b) => b.dimension === String(modelId))) {
        setState('there');
        return;
      }
      await save.mutateAsync({ ...layout, breakdowns: [...layout.breakdowns, { dimension: String(modelId), chart: 'bars' }] });
      setState('added');
    } catch (e) {
      setState('idle');
      setProblem(e instanceof ApiCallError && e.details[0] ? `${e.message} ${e.details.map((d) => `${d.path}: ${d.message}`).join('; ')}` : e instanceof Error ? e.message : String(e));
    }
  };

  if (state === 'added' || state === 'there') {
    return (
      <p className="overview-hint" role="status">
        {state === 'added' ? `${modelName} is on the overview now, as a bar chart.` : `${modelName} is on the overview already.`} <Link href="/">Open the overview</Link>
      </p>
    );
  }
  return (
    <aside className="overview-hint" aria-label="Not on the overview">
      <p>
        This model is not on the overview — <span className="muted">its labels appear there once a card shows them.</span>
      </p>
      <div className="hint-actions">
        <button type="button" className="button secondary" onClick={() => void add()} disabled={state === 'working'}>
          {state === 'working' ? 'Adding…' : 'Add to overview'}
        </button>
        <Link href="/">Go to the overview</Link>
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </aside>
  );
}

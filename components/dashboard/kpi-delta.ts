import type { KpiValue } from '@/lib/server/analytics/types';

type Tone = 'good' | 'bad' | 'neutral';

/** The change against the previous period: percent for counts, percentage points for shares. */
export function kpiDelta(kind: 'count' | 'share', v: KpiValue, upIs: 'good' | 'bad' | 'neutral'): { text: string; tone: Tone; arrow: '▲' | '▼' | '' } | null {
  if (v.value === null || v.previous === null) return null;
  const diff = v.value - v.previous;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '';
  let text: string;
  if (kind === 'count') {
    if (v.previous === 0) return { text: v.value === 0 ? 'no change' : 'none before', tone: 'neutral', arrow: '' };
    const pct = (100 * diff) / v.previous;
    text = Math.abs(pct) < 0.05 ? 'no change' : `${Math.abs(pct) >= 10 ? Math.round(Math.abs(pct)).toLocaleString('en') : Math.abs(pct).toFixed(1)}\u00a0%`;
  } else {
    const pp = 100 * diff;
    text = Math.abs(pp) < 0.05 ? 'no change' : `${Math.abs(pp).toFixed(1)}\u00a0pp`;
  }
  if (text === 'no change') return { text, tone: 'neutral', arrow: '' };
  const tone: Tone = upIs === 'neutral' ? 'neutral' : (diff > 0) === (upIs === 'good') ? 'good' : 'bad';
  return { text, tone, arrow };
}


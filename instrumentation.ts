// Next.js calls register() once as a server boots, before it answers requests: the analytics
// index is loaded then (from its snapshot), so the first overview does not wait for it, and the
// scoring threads start with every active model loaded, so the first inference request does not
// wait for them either. Not during `next build` (nothing to serve), not on the edge runtime (no
// database driver there), not with CALLSIGHT_WARM_UP=0 (scripts/warm-up.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build' || process.env.CALLSIGHT_WARM_UP === '0') return;
  const { warmAnalytics } = await import('@/lib/server/analytics/warm-analytics');
  const { warmScoringAtBoot } = await import('@/lib/scoring/warm');
  await Promise.all([warmAnalytics(), warmScoringAtBoot()]);
}

import type { TDashboardLayoutInput } from '@/lib/schemas/dashboard-layout';
import { TAXONOMY } from './demo/taxonomy';

const id = (k: keyof typeof TAXONOMY) => TAXONOMY[k].id;
const dim = (k: keyof typeof TAXONOMY) => String(TAXONOMY[k].id);

/** The demo workspace's overview: the layout the telecom example has always shown. */
export const DEMO_LAYOUT: TDashboardLayoutInput = {
  kpis: [
    { kind: 'volume', title: 'Transcripts' },
    { kind: 'share', title: 'Negative sentiment', model_id: id('sentiment'), labels: ['Frustrated', 'Angry'], up_is: 'bad' },
    { kind: 'top', title: 'Top issue', model_id: id('issueType') },
    { kind: 'share', title: 'High churn risk', model_id: id('churnRisk'), labels: ['High'], up_is: 'bad' },
  ],
  breakdowns: [
    { dimension: dim('product'), title: 'Product', chart: 'bars' },
    { dimension: dim('issueType'), title: 'Issue type', chart: 'bars' },
    { dimension: dim('rootCause'), title: 'Root cause', chart: 'bars', limit: 8 },
    { dimension: dim('sentiment'), title: 'Sentiment', chart: 'donut' },
  ],
  trend: { models: [id('sentiment'), id('product'), id('issueType'), id('rootCause'), id('churnRisk')] },
  cross_tab: { rows: dim('product'), cols: dim('issueType') },
  filters: [dim('product'), dim('issueType'), dim('rootCause'), dim('sentiment'), dim('churnRisk'), 'meta.region'],
  columns: [dim('product'), dim('issueType'), dim('rootCause'), dim('sentiment'), dim('churnRisk')],
};

const REGIONS = ['North', 'South', 'East', 'West'] as const;
const PLANS = ['Prepaid', 'Standard', 'Premium'] as const;

/** Metadata of a sample transcript, as an upload's extra columns would carry it: fixed per customer, so every install is the same. */
export function demoMetadata(customerId: string): Record<string, string> {
  let h = 2166136261;
  for (let i = 0; i < customerId.length; i++) h = Math.imul(h ^ customerId.charCodeAt(i), 16777619) >>> 0;
  return { region: REGIONS[h % REGIONS.length]!, plan: PLANS[(h >>> 8) % PLANS.length]! };
}

// What bench/dashboard.ts generates beyond the demo's five models: a custom
// model and the metadata an upload's extra columns carry, with the skew real
// contact-centre data has (a few flows carry most contacts, a long tail of
// subflows and campaigns, keys some rows do not have), and the imports the
// rows came from. Plain data and a seeded sampler: no database here.

/** A model a customer trained, not one of the demo's (its id is far from theirs). */
export const CUSTOM_MODEL = {
  id: 7001,
  name: 'Support flow',
  labels: [
    'Resolved first contact',
    'Transferred',
    'Self-service deflected',
    'Callback promised',
    'Escalated to tier 2',
    'Repeat contact',
    'Long hold',
    'Wrong queue',
    'Technician booked',
    'Refund issued',
    'Dropped',
    'Unresolved',
  ],
} as const;

const FLOWS = [
  'billing_dispute',
  'plan_change',
  'roaming',
  'payment_failed',
  'device_setup',
  'outage_report',
  'cancel',
  'upgrade',
  'sim_swap',
  'number_port',
  'fiber_install',
  'tv_package',
  'password_reset',
  'address_change',
  'invoice_copy',
  'contract_end',
  'complaint',
  'technician_visit',
  'refund',
  'other',
] as const;
const SUBFLOW_STEPS = ['identify', 'verify', 'explain', 'offer', 'resolve', 'transfer', 'escalate', 'callback', 'survey', 'abandon'] as const;
const REGIONS = ['Capital', 'North', 'South', 'West', 'East', 'Central', 'Islands', 'Abroad'] as const;
const TIERS = ['basic', 'plus', 'premium'] as const;
const CAMPAIGNS = ['winback', 'upsell', 'retention', 'welcome', 'survey'].flatMap((p) => Array.from({ length: 10 }, (_, i) => `${p}-${String(i + 1).padStart(2, '0')}`));

/** The number of imports the rows come from (IngestJob rows), oldest first. */
export const IMPORTS = 300;
/** Share of rows stored otherwise (API, single transcripts): no importJobId. */
const NOT_IMPORTED = 0.08;

export const importId = (k: number) => `ij_bench${String(k).padStart(4, '0')}`;

/** Cumulative Zipf weights over n ranks (exponent s): rank 1 is the most frequent. */
function zipf(n: number, s: number): Float64Array {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  const cum = new Float64Array(n);
  let acc = 0;
  w.forEach((x, i) => (cum[i] = acc += x / total));
  return cum;
}

function rank(cum: Float64Array, u: number): number {
  for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return i;
  return cum.length - 1;
}

const CUM = {
  custom: zipf(CUSTOM_MODEL.labels.length, 1.1),
  flow: zipf(FLOWS.length, 1.0),
  step: zipf(SUBFLOW_STEPS.length, 0.8),
  region: zipf(REGIONS.length, 0.7),
  tier: Float64Array.from([0.62, 0.9, 1]),
  campaign: zipf(CAMPAIGNS.length, 1.0),
};

/** Values the scenarios filter on: they exist in the generated data at any size. */
export const PICKS = {
  flow: FLOWS[2],
  regions: [REGIONS[1], REGIONS[2]],
  tier: TIERS[2],
  custom: CUSTOM_MODEL.labels[1],
  import: importId(150),
};

export type Rnd = () => number;

/** The custom model's label for a row (skewed: the top label about a third of rows). */
export const customLabel = (rnd: Rnd) => CUSTOM_MODEL.labels[rank(CUM.custom, rnd())]!;

/**
 * A row's metadata as an upload stores it (Transcript.metadata): five keys,
 * not all on every row. flow 97 % of rows (20 values), subflow 90 % (200:
 * 10 steps under each flow), region 99 % (8), tier 80 % (3), campaign 35 %
 * (50: only contacts a campaign brought in).
 */
export function metadataOf(rnd: Rnd): Record<string, string> {
  const m: Record<string, string> = {};
  if (rnd() < 0.97) {
    const flow = FLOWS[rank(CUM.flow, rnd())]!;
    m.flow = flow;
    if (rnd() < 0.93) m.subflow = `${flow}.${SUBFLOW_STEPS[rank(CUM.step, rnd())]!}`;
  }
  if (rnd() < 0.99) m.region = REGIONS[rank(CUM.region, rnd())]!;
  if (rnd() < 0.8) m.tier = TIERS[rank(CUM.tier, rnd())]!;
  if (rnd() < 0.35) m.campaign = CAMPAIGNS[rank(CUM.campaign, rnd())]!;
  return m;
}

/**
 * The import a row came from: imports follow time (import k covers the k-th
 * 300th of the year, a daily-ish export), a few rows land in a neighbour,
 * and 8 % came another way (null).
 */
export function importOf(daysAgo: number, days: number, rnd: Rnd): string | null {
  if (rnd() < NOT_IMPORTED) return null;
  const base = Math.floor(((days - 1 - daysAgo) * IMPORTS) / days);
  const jitter = rnd() < 0.1 ? (rnd() < 0.5 ? -1 : 1) : 0;
  return importId(Math.min(IMPORTS - 1, Math.max(0, base + jitter)));
}

/** When import k ran: the end of the slice of the year it covers. */
export function importCreatedAt(k: number, now: Date, days: number): Date {
  const daysAgo = days - 1 - Math.floor(((k + 1) * days) / IMPORTS);
  return new Date(now.getTime() - Math.max(0, daysAgo) * 86_400_000);
}

/**
 * The dashboard section's figures before issue 12 (1,000,000 transcripts ×
 * 5 models, no metadata, no imports; docs/benchmarks.md as measured on
 * 2026-11-29, same machine kind and command), shown beside a 1M run's figures.
 */
export const BEFORE_METADATA = {
  date: '2026-11-29',
  machine: '2 × AMD EPYC, 24 GiB, Node v20.20.2',
  /** the 1-min load average before each half of that run */
  load: { sqlite: 1.05, postgresql: 1.22 },
  warmP50: {
    kpis: { sqlite: 18.2, postgresql: 12.1 },
    'breakdown (×4 models)': { sqlite: 15.7, postgresql: 10.5 },
    'trend (by day)': { sqlite: 9.5, postgresql: 7.9 },
    'cross-tab': { sqlite: 15.9, postgresql: 11.2 },
    'filter options': { sqlite: 30.2, postgresql: 29.6 },
    'drill-down page 1': { sqlite: 6.5, postgresql: 6.9 },
    'drill-down page 1 by score': { sqlite: 10.9, postgresql: 9.3 },
    all: { sqlite: 15.0, postgresql: 10.8 },
  } as Record<string, { sqlite: number; postgresql: number }>,
  warmP95: {
    kpis: { sqlite: 53.1, postgresql: 53.9 },
    'breakdown (×4 models)': { sqlite: 55.3, postgresql: 53.1 },
    'trend (by day)': { sqlite: 46.4, postgresql: 40.6 },
    'cross-tab': { sqlite: 52.1, postgresql: 48.4 },
    'filter options': { sqlite: 39.8, postgresql: 35.4 },
    'drill-down page 1': { sqlite: 15.8, postgresql: 14.8 },
    'drill-down page 1 by score': { sqlite: 37.3, postgresql: 36.8 },
    all: { sqlite: 48.6, postgresql: 45.6 },
  } as Record<string, { sqlite: number; postgresql: number }>,
  coldP50: {
    kpis: { sqlite: 329.8, postgresql: 321.0 },
  } as Record<string, { sqlite: number; postgresql: number }>,
  rebuildSeconds: { sqlite: 26.2, postgresql: 24.5 },
  rebuildRss: { sqlite: 330, postgresql: 385 },
  warmRss: { sqlite: 339, postgresql: 329 },
};

// A support team's own workspace, built through the public API only: a
// "Support flow" model trained on BANKING77, about 1,000 of its test texts as
// transcripts of the last 60 days (metadata flow, subflow, region, tier) and an
// overview layout of the team's own. For the screenshots of a non-telecom
// overview (scripts/screenshots.ts --workspace=support); run it on a workspace
// started with CALLSIGHT_DEMO=0.
//   CALLSIGHT_KEY=… node --conditions=react-server --import tsx scripts/support-workspace.ts [http://localhost:3000]
// The key needs the scopes admin, models, ingest and read:
//   npx callsight keys create --name shots --scopes admin,models,ingest,read
// BANKING77 (Casanueva et al. 2020, CC BY 4.0) is read from BANKING77_DIR at run
// time and never copied into the repository. Running it again reuses the model
// and the transcripts (their external ids repeat) and replaces the layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TDashboardLayoutInput } from '@/lib/schemas/dashboard-layout';
import { JOB_STATUSES } from '@/lib/schemas/ingest';
import { VERSION_STATUSES } from '@/lib/schemas/studio-api';

const base = (process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const key = process.env.CALLSIGHT_KEY;
const datasetDir = process.env.BANKING77_DIR ?? '/work/shared/datasets/banking77';

const MODEL_NAME = 'Support flow';
const TRANSCRIPTS = 1000;
const DAYS = 60;
const DAY_MS = 86_400_000;
/** Examples a call: one long call is likelier to meet the SQLite conflict withRetry works around. */
const EXAMPLES_PER_CALL = 2000;

/** The customer journeys, with how often each comes up (relative) and what the label means. */
const FLOWS = {
  Cards: { weight: 1.35, description: 'Ordering, activating, replacing or blocking a card; PINs and card problems' },
  Transfers: { weight: 1.1, description: 'Sending and receiving money: pending, failed, declined or cancelled transfers' },
  Payments: { weight: 1.1, description: 'Card payments and direct debits: declined, pending, unknown, refunds' },
  'Top-ups': { weight: 0.8, description: 'Adding money to the account by card, bank transfer, cash or cheque' },
  'Account & identity': { weight: 0.8, description: 'Identity checks, personal details, passcodes, closing the account' },
  'Exchange & fees': { weight: 0.65, description: 'Exchange rates, currency exchange and fees charged' },
  'Cash & ATM': { weight: 0.6, description: 'Cash withdrawals and ATMs' },
  Other: { weight: 0.45, description: 'Product questions: countries, currencies, card brands, age limit' },
} as const;
type Flow = keyof typeof FLOWS;

/** Each BANKING77 intent: its flow, and the subflow's name as the dashboard shows it (short enough for a bar label). */
const INTENTS: Record<string, [Flow, string]> = {
  activate_my_card: ['Cards', 'Activate card'],
  card_about_to_expire: ['Cards', 'Card expiring'],
  card_arrival: ['Cards', 'Card not arrived'],
  card_delivery_estimate: ['Cards', 'Card delivery time'],
  card_linking: ['Cards', 'Link a card'],
  card_not_working: ['Cards', 'Card not working'],
  change_pin: ['Cards', 'Change PIN'],
  compromised_card: ['Cards', 'Compromised card'],
  contactless_not_working: ['Cards', 'Contactless fails'],
  disposable_card_limits: ['Cards', 'Disposable limits'],
  get_disposable_virtual_card: ['Cards', 'Disposable card'],
  get_physical_card: ['Cards', 'Physical card'],
  getting_spare_card: ['Cards', 'Spare card'],
  getting_virtual_card: ['Cards', 'Virtual card'],
  lost_or_stolen_card: ['Cards', 'Lost or stolen card'],
  order_physical_card: ['Cards', 'Order physical card'],
  pin_blocked: ['Cards', 'PIN blocked'],
  virtual_card_not_working: ['Cards', 'Virtual card fails'],
  balance_not_updated_after_bank_transfer: ['Transfers', 'Balance not updated'],
  beneficiary_not_allowed: ['Transfers', 'Beneficiary refused'],
  cancel_transfer: ['Transfers', 'Cancel transfer'],
  declined_transfer: ['Transfers', 'Transfer declined'],
  failed_transfer: ['Transfers', 'Transfer failed'],
  pending_transfer: ['Transfers', 'Transfer pending'],
  receiving_money: ['Transfers', 'Receiving money'],
  transfer_into_account: ['Transfers', 'Pay into account'],
  transfer_not_received_by_recipient: ['Transfers', 'Recipient not paid'],
  transfer_timing: ['Transfers', 'Transfer timing'],
  apple_pay_or_google_pay: ['Payments', 'Apple/Google Pay'],
  card_acceptance: ['Payments', 'Card acceptance'],
  card_payment_not_recognised: ['Payments', 'Unknown payment'],
  declined_card_payment: ['Payments', 'Payment declined'],
  direct_debit_payment_not_recognised: ['Payments', 'Unknown direct debit'],
  pending_card_payment: ['Payments', 'Payment pending'],
  'reverted_card_payment?': ['Payments', 'Payment reverted'],
  transaction_charged_twice: ['Payments', 'Charged twice'],
  request_refund: ['Payments', 'Request refund'],
  Refund_not_showing_up: ['Payments', 'Refund missing'],
  automatic_top_up: ['Top-ups', 'Auto top-up'],
  pending_top_up: ['Top-ups', 'Top-up pending'],
  top_up_by_cash_or_cheque: ['Top-ups', 'Top up by cash'],
  top_up_failed: ['Top-ups', 'Top-up failed'],
  top_up_limits: ['Top-ups', 'Top-up limits'],
  top_up_reverted: ['Top-ups', 'Top-up reverted'],
  topping_up_by_card: ['Top-ups', 'Top up by card'],
  verify_top_up: ['Top-ups', 'Verify top-up'],
  balance_not_updated_after_cheque_or_cash_deposit: ['Top-ups', 'Deposit not showing'],
  edit_personal_details: ['Account & identity', 'Edit details'],
  passcode_forgotten: ['Account & identity', 'Forgot passcode'],
  terminate_account: ['Account & identity', 'Close account'],
  unable_to_verify_identity: ['Account & identity', 'ID check fails'],
  verify_my_identity: ['Account & identity', 'Verify identity'],
  verify_source_of_funds: ['Account & identity', 'Source of funds'],
  why_verify_identity: ['Account & identity', 'Why verify identity'],
  lost_or_stolen_phone: ['Account & identity', 'Lost phone'],
  card_payment_fee_charged: ['Exchange & fees', 'Card payment fee'],
  card_payment_wrong_exchange_rate: ['Exchange & fees', 'Wrong card FX rate'],
  exchange_charge: ['Exchange & fees', 'Exchange fee'],
  exchange_rate: ['Exchange & fees', 'Exchange rate'],
  exchange_via_app: ['Exchange & fees', 'Exchange in app'],
  extra_charge_on_statement: ['Exchange & fees', 'Extra charge'],
  transfer_fee_charged: ['Exchange & fees', 'Transfer fee'],
  top_up_by_bank_transfer_charge: ['Exchange & fees', 'Bank top-up fee'],
  top_up_by_card_charge: ['Exchange & fees', 'Card top-up fee'],
  cash_withdrawal_charge: ['Exchange & fees', 'Withdrawal fee'],
  wrong_exchange_rate_for_cash_withdrawal: ['Exchange & fees', 'Wrong ATM FX rate'],
  atm_support: ['Cash & ATM', 'ATM support'],
  card_swallowed: ['Cash & ATM', 'Card swallowed'],
  cash_withdrawal_not_recognised: ['Cash & ATM', 'Unknown withdrawal'],
  declined_cash_withdrawal: ['Cash & ATM', 'Withdrawal declined'],
  pending_cash_withdrawal: ['Cash & ATM', 'Withdrawal pending'],
  wrong_amount_of_cash_received: ['Cash & ATM', 'Wrong cash amount'],
  age_limit: ['Other', 'Age limit'],
  country_support: ['Other', 'Supported countries'],
  fiat_currency_support: ['Other', 'Supported currencies'],
  supported_cards_and_currencies: ['Other', 'Cards & currencies'],
  visa_or_mastercard: ['Other', 'Visa or Mastercard'],
};

const REGIONS = { 'UK & Ireland': 0.34, DACH: 0.22, 'Southern Europe': 0.18, Benelux: 0.14, Nordics: 0.12 };
const TIERS = { Standard: 0.55, Plus: 0.25, Premium: 0.14, Metal: 0.06 };
/** Channels by tier: paying customers phone more. */
const CHANNELS: Record<keyof typeof TIERS, Record<string, number>> = {
  Standard: { chat: 0.62, email: 0.26, phone: 0.12 },
  Plus: { chat: 0.55, email: 0.25, phone: 0.2 },
  Premium: { chat: 0.45, email: 0.2, phone: 0.35 },
  Metal: { chat: 0.35, email: 0.15, phone: 0.5 },
};

const ZExample = z.object({ text: z.string().min(1), intent: z.string() });

// The fields of the API's answers this script reads (the whole shapes are in
// lib/schemas and /v2/openapi.json); fields added to them later do not matter.
const ZModel = z.object({ id: z.number(), name: z.string(), labels: z.array(z.object({ name: z.string() })), active_version: z.object({ version: z.number() }).nullable() });
const ZExamplesAdded = z.object({ added: z.number(), updated: z.number(), rejected_count: z.number(), rejected: z.array(z.unknown()) });
const ZVersion = z.object({
  id: z.number(),
  version: z.number(),
  status: z.enum(VERSION_STATUSES),
  train_seconds: z.number().nullable(),
  held_out: z.number(),
  accuracy: z.number().nullable(),
  macro_f1: z.number().nullable(),
  error: z.string().nullable(),
});
const ZJob = z.object({
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  model_ids: z.array(z.number()),
  counts: z.object({ inserted: z.number(), duplicates: z.number(), rejected: z.number() }),
  error: z.string().nullable(),
});
const ZSavedLayout = z.object({ layout: z.object({ kpis: z.array(z.unknown()), breakdowns: z.array(z.unknown()) }), updated_at: z.string().nullable() });

/** A seeded generator (mulberry32): the same workspace every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rand() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1]![0];
}

function readExamples(file: string): z.infer<typeof ZExample>[] {
  const lines = readFileSync(join(datasetDir, file), 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((l, i) => {
    const e = ZExample.safeParse(JSON.parse(l));
    if (!e.success) throw new Error(`${file}:${i + 1}: not a BANKING77 row: ${e.error.issues[0]?.message}`);
    if (!INTENTS[e.data.intent]) throw new Error(`${file}:${i + 1}: intent "${e.data.intent}" has no flow in INTENTS`);
    return e.data;
  });
}

class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One call of the public API; the answer checked against its schema, an error answer thrown with its details. */
async function api<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = z.object({ error: z.object({ message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) }).safeParse(json);
    const detail = e.success ? [e.data.error.message, ...(e.data.error.details ?? []).slice(0, 5).map((d) => `  ${d.path}: ${d.message}`)].join('\n') : JSON.stringify(json);
    throw new ApiFailure(`${method} ${path}: ${res.status}\n${detail}`, res.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(`${method} ${path}: unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, res.status);
  return parsed.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An idempotent call again after a 500. On SQLite, adding examples can fail
 * when another process (a worker's heartbeat) commits in the middle of one of
 * its transactions; the examples already stored are relabeled, not duplicated.
 */
async function withRetry<T>(call: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiFailure) || e.status !== 500 || attempt >= attempts) throw e;
      console.warn(`${e.message.split('\n').join(' ')}; trying again (${attempt + 1} of ${attempts})`);
      await sleep(500 * attempt);
    }
  }
}

/** The paths this script calls must be in the served OpenAPI document: a renamed route fails here, not halfway. */
async function checkOpenApi() {
  const doc = await api('GET', '/v2/openapi.json', z.object({ paths: z.record(z.string(), z.unknown()) }));
  const used = ['/v2/models', '/v2/models/{id}/examples', '/v2/models/{id}/versions', '/v2/models/{id}/versions/{version_id}', '/v2/models/{id}/versions/{version_id}/promote', '/v2/ingest-jobs', '/v2/ingest-jobs/{id}', '/v2/dashboard'];
  const missing = used.filter((p) => !(p in doc.paths));
  if (missing.length) throw new Error(`the API at ${base} does not offer ${missing.join(', ')}`);
}

/** The "Support flow" model with a promoted version: created, given BANKING77's train texts and trained, unless that was done before. */
async function supportFlowModel(): Promise<number> {
  const { models } = await api('GET', '/v2/models', z.object({ models: z.array(ZModel) }));
  let model = models.find((m) => m.name === MODEL_NAME);
  if (model?.active_version) {
    console.log(`model ${model.id} "${MODEL_NAME}" already serves version ${model.active_version.version}`);
    return model.id;
  }
  if (!model) {
    model = await api('POST', '/v2/models', ZModel, {
      name: MODEL_NAME,
      question: 'Which customer journey is this contact about?',
      labels: (Object.keys(FLOWS) as Flow[]).map((name) => ({ name, description: FLOWS[name].description })),
    });
    console.log(`created model ${model.id} "${MODEL_NAME}" with ${model.labels.length} labels`);
  }
  const train = readExamples('train.jsonl').map((e) => ({ text: e.text, labels: [INTENTS[e.intent]![0]] }));
  const counts = { added: 0, updated: 0 };
  for (let i = 0; i < train.length; i += EXAMPLES_PER_CALL) {
    const examples = train.slice(i, i + EXAMPLES_PER_CALL);
    const r = await withRetry(() => api('POST', `/v2/models/${model.id}/examples`, ZExamplesAdded, { examples }));
    if (r.rejected_count) throw new Error(`examples rejected: ${JSON.stringify(r.rejected.slice(0, 5))}`);
    counts.added += r.added;
    counts.updated += r.updated;
  }
  console.log(`examples: ${counts.added} added, ${counts.updated} updated (${train.length} BANKING77 train texts)`);

  const queued = await api('POST', `/v2/models/${model.id}/versions`, ZVersion, { seed: 77 });
  console.log(`training version ${queued.version}…`);
  let version = await api('GET', `/v2/models/${model.id}/versions/${queued.id}`, ZVersion);
  for (const started = Date.now(); version.status === 'queued' || version.status === 'training'; ) {
    if (Date.now() - started > 15 * 60_000) throw new Error(`version ${queued.id} is still ${version.status} after 15 minutes; are workers running?`);
    await sleep(2000);
    version = await api('GET', `/v2/models/${model.id}/versions/${queued.id}`, ZVersion);
  }
  if (version.status !== 'ready') throw new Error(`training ended ${version.status}: ${version.error ?? 'no error given'}`);
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  console.log(`version ${version.version} ready in ${version.train_seconds?.toFixed(1) ?? '?'} s: accuracy ${pct(version.accuracy)}, macro F1 ${pct(version.macro_f1)} on ${version.held_out} held out`);
  await api('POST', `/v2/models/${model.id}/versions/${queued.id}/promote`, ZVersion);
  console.log(`promoted version ${version.version}`);
  return model.id;
}

/**
 * About 1,000 BANKING77 test texts as a month or two of contacts: the journeys
 * weighted as a team might see them, weekdays busier than weekends, transfer
 * trouble rising in the last two weeks (so the KPI cards have something to say).
 */
function sampleTranscripts() {
  const rand = random(12);
  const test = readExamples('test.jsonl');
  const totalWeight = test.reduce((a, e) => a + FLOWS[INTENTS[e.intent]![0]].weight, 0);
  const now = Date.now();
  const transcripts = [];
  for (const [i, e] of test.entries()) {
    const [flow, subflow] = INTENTS[e.intent]!;
    if (rand() >= (FLOWS[flow].weight * TRANSCRIPTS) / totalWeight) continue;
    let daysAgo = rand() * DAYS;
    if (flow === 'Transfers' && rand() < 0.35) daysAgo = rand() * 14;
    // a weekend day keeps half its contacts
    while (new Date(now - daysAgo * DAY_MS).getUTCDay() % 6 === 0 && rand() < 0.5) daysAgo = rand() * DAYS;
    const tier = pick(rand, TIERS);
    const channel = pick(rand, CHANNELS[tier]);
    // phone lines are open 08–20 UTC; chat and e-mail come in at any hour, mostly by day
    const day = new Date(now - daysAgo * DAY_MS);
    day.setUTCHours(channel === 'phone' ? 8 + Math.floor(rand() * 12) : Math.floor(6 + rand() * 17), Math.floor(rand() * 60), Math.floor(rand() * 60), 0);
    if (day.getTime() > now) day.setTime(day.getTime() - DAY_MS);
    transcripts.push({
      text: e.text,
      external_id: `banking77-test-${i + 1}`,
      occurred_at: day.toISOString(),
      channel,
      metadata: { flow, subflow, region: pick(rand, REGIONS), tier },
    });
  }
  return transcripts;
}

async function uploadTranscripts(): Promise<void> {
  const transcripts = sampleTranscripts();
  let job = await api('POST', '/v2/ingest-jobs', ZJob, { transcripts });
  console.log(`ingest job ${job.id}: ${transcripts.length} transcripts queued`);
  for (const started = Date.now(); job.status === 'queued' || job.status === 'running'; ) {
    if (Date.now() - started > 15 * 60_000) throw new Error(`ingest job ${job.id} is still ${job.status} after 15 minutes; are workers running?`);
    await sleep(1000);
    job = await api('GET', `/v2/ingest-jobs/${job.id}`, ZJob);
  }
  if (job.status !== 'done') throw new Error(`ingest job ${job.id} ended ${job.status}: ${job.error ?? 'no error given'}`);
  const c = job.counts;
  console.log(`ingest job ${job.id} done: ${c.inserted} new, ${c.duplicates} already there, ${c.rejected} rejected (models ${job.model_ids.join(', ')})`);
  if (c.rejected) throw new Error(`${c.rejected} transcripts were rejected: GET /v2/ingest-jobs/${job.id}/rejections`);
}

async function putLayout(modelId: number): Promise<void> {
  const flow = String(modelId);
  const layout: TDashboardLayoutInput = {
    kpis: [
      { kind: 'volume', title: 'Conversations' },
      { kind: 'share', title: 'Card & transfer issues', model_id: modelId, labels: ['Cards', 'Transfers'], up_is: 'bad' },
      { kind: 'top', title: 'Top flow', model_id: modelId },
    ],
    breakdowns: [
      { dimension: flow, title: 'Support flow', chart: 'bars' },
      { dimension: 'meta.subflow', title: 'Top subflows', chart: 'bars', limit: 10 },
      { dimension: 'meta.region', title: 'Region', chart: 'donut' },
      { dimension: 'channel', title: 'Channel', chart: 'donut' },
    ],
    trend: { models: [modelId] },
    cross_tab: { rows: flow, cols: 'meta.tier' },
    filters: [flow, 'meta.flow', 'meta.region'],
    columns: [flow, 'meta.subflow', 'meta.tier'],
  };
  const saved = await api('PUT', '/v2/dashboard', ZSavedLayout, layout);
  console.log(`overview layout saved (${saved.layout.kpis.length} KPI cards, ${saved.layout.breakdowns.length} breakdowns) at ${saved.updated_at}`);
}

async function main() {
  if (!key) throw new Error('Set CALLSIGHT_KEY to an API key with the scopes admin, models, ingest and read (npx callsight keys create --name shots --scopes admin,models,ingest,read).');
  await checkOpenApi();
  const modelId = await supportFlowModel();
  await uploadTranscripts();
  await putLayout(modelId);
  console.log(`done: ${base}/ shows the support workspace`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ApiFailure ? e.message : e);
  process.exit(1);
});

import 'server-only';
import type { Db } from '@/lib/db';
import { ApiError, fromZodError, type ErrorDetail } from '@/lib/errors';
import { EMPTY_LAYOUT, parseDimension, ZDashboardLayout, type TDashboardLayout } from '@/lib/schemas/dashboard-layout';

/**
 * The workspace's overview layout (lib/schemas/dashboard-layout.ts): one
 * row, validated on every write against the models as they are. A stored
 * layout that names a model deleted since is still returned as stored (the
 * card says the model is gone); only a write must be valid.
 */

export interface StoredLayout {
  layout: TDashboardLayout;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getDashboardLayout(db: Db): Promise<StoredLayout> {
  const row = await db.dashboardLayout.findUnique({ where: { id: 1 } });
  if (!row) return { layout: EMPTY_LAYOUT, updatedAt: null, updatedBy: null };
  const parsed = ZDashboardLayout.safeParse(JSON.parse(row.layout));
  // Written through saveDashboardLayout only; a row that no longer parses (a later, stricter schema) shows the empty layout rather than a broken page.
  return { layout: parsed.success ? parsed.data : EMPTY_LAYOUT, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}

interface ModelLabels {
  name: string;
  /** empty: the model's labels are not listed (the pretrained language model): any label is accepted */
  labels: string[];
}

async function modelLabels(db: Db): Promise<Map<number, ModelLabels>> {
  const models = await db.model.findMany({ select: { id: true, name: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } } });
  return new Map(models.map((m) => [m.id, { name: m.name, labels: m.labels.map((l) => l.name) }]));
}

const listed = (xs: string[], max = 8) => (xs.length > max ? `${xs.slice(0, max).join(', ')}, …` : xs.join(', '));

/** What is wrong with a structurally valid layout: unknown models, labels not in their model, duplicates. */
export async function layoutProblems(db: Db, layout: TDashboardLayout): Promise<ErrorDetail[]> {
  const models = await modelLabels(db);
  const problems: ErrorDetail[] = [];
  const model = (id: number, path: string) => {
    const m = models.get(id);
    if (!m) problems.push({ path, message: `no model ${id}; the models are ${listed([...models.keys()].map(String), 20) || 'none yet'}` });
    return m;
  };
  const dimension = (s: string, path: string) => {
    const d = parseDimension(s);
    if (d?.kind === 'model') model(d.modelId, path);
  };
  layout.kpis.forEach((k, i) => {
    if (k.kind === 'volume') return;
    const m = model(k.model_id, `kpis[${i}].model_id`);
    if (k.kind !== 'share' || !m || !m.labels.length) return;
    k.labels.forEach((l, j) => {
      if (!m.labels.includes(l)) problems.push({ path: `kpis[${i}].labels[${j}]`, message: `"${l}" is not a label of ${m.name} (${listed(m.labels)})` });
    });
  });
  layout.breakdowns.forEach((b, i) => dimension(b.dimension, `breakdowns[${i}].dimension`));
  layout.trend.models.forEach((id, i) => model(id, `trend.models[${i}]`));
  if (layout.cross_tab) {
    dimension(layout.cross_tab.rows, 'cross_tab.rows');
    dimension(layout.cross_tab.cols, 'cross_tab.cols');
  }
  const unique = (xs: string[], what: string) => {
    const seen = new Set<string>();
    xs.forEach((x, i) => {
      if (seen.has(x)) problems.push({ path: `${what}[${i}]`, message: `"${x}" is listed twice` });
      seen.add(x);
    });
  };
  layout.filters.forEach((f, i) => dimension(f, `filters[${i}]`));
  layout.columns.forEach((c, i) => dimension(c, `columns[${i}]`));
  unique(layout.filters, 'filters');
  unique(layout.columns, 'columns');
  unique(layout.trend.models.map(String), 'trend.models');
  return problems;
}

/** Replaces the layout; a 400 naming every wrong field (structure first, then models and labels). */
export async function saveDashboardLayout(db: Db, input: unknown, actor: string): Promise<StoredLayout> {
  const parsed = ZDashboardLayout.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, 'layout');
  const problems = await layoutProblems(db, parsed.data);
  if (problems.length) throw new ApiError(400, 'invalid_request', `The layout refers to ${problems.length === 1 ? 'something that does not exist' : `${problems.length} things that do not exist`}: ${problems[0]!.path}: ${problems[0]!.message}`, problems);
  const layout = JSON.stringify(parsed.data);
  const row = await db.dashboardLayout.upsert({ where: { id: 1 }, create: { id: 1, layout, updatedBy: actor }, update: { layout, updatedBy: actor } });
  return { layout: parsed.data, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}

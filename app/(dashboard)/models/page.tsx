import type { Metadata } from 'next';
import Link from 'next/link';
import { fmtDay, fmtInt } from '@/components/dashboard/format';
import { db } from '@/lib/db';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { findModels, toApiModel } from '@/lib/server/models/list-models';

export const metadata: Metadata = { title: 'Models' };
export const dynamic = 'force-dynamic';

const f3 = (x: number | null | undefined) => (x == null ? '–' : x.toFixed(3));

export default async function ModelsPage() {
  const user = await requirePageUser();
  const [models, pending] = await Promise.all([
    findModels(db).then((ms) => ms.map(toApiModel)),
    db.modelVersion.groupBy({ by: ['modelId'], where: { status: { in: ['queued', 'training'] } }, _count: true }),
  ]);
  const training = new Set(pending.map((p) => p.modelId));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Models</h1>
          <p className="lead">Every classifier that runs over each transcript. Each accuracy says what it was measured on: examples the active version was not trained on.</p>
        </div>
        {user.permissions.has('models') ? (
          <div className="page-actions">
            <Link className="button" href="/models/new">
              New model
            </Link>
          </div>
        ) : null}
      </div>
      <div className="card">
        <table className="data">
          <thead>
            <tr>
              <th className="num">ID</th>
              <th>Model</th>
              <th>Type</th>
              <th className="num">Version</th>
              <th className="num">Accuracy</th>
              <th className="num">Macro-F1</th>
              <th>Labels</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id}>
                <td className="num">{m.id}</td>
                <td>
                  <Link href={`/models/${m.id}`} className="model-link">
                    {m.name}
                  </Link>
                  {training.has(m.id) ? <span className="status-badge" data-status="training">training</span> : null}
                  <div className="muted">{m.question}</div>
                </td>
                <td>{m.kind === 'language' ? 'pretrained (fastText lid.176)' : m.multi_label ? 'multi-label' : 'single-label'}</td>
                <td className="num">{m.active_version?.version ?? '–'}</td>
                <td className="num">
                  {f3(m.active_version?.accuracy)}
                  {m.active_version?.evaluated_on ? (
                    <span className="eval-basis">
                      on {fmtInt(m.active_version.evaluated_on.n)} examples: {m.active_version.evaluated_on.source}
                      {m.active_version.evaluated_on.at ? ` · ${fmtDay(m.active_version.evaluated_on.at)}` : ''}
                    </span>
                  ) : null}
                </td>
                <td className="num">{f3(m.active_version?.macro_f1)}</td>
                <td>
                  {m.labels.slice(0, 12).map((l) => (
                    <span className="pill" key={l.name} title={l.description}>
                      {l.name}
                    </span>
                  ))}
                  {m.labels.length > 12 ? <span className="muted">+{m.labels.length - 12} more</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

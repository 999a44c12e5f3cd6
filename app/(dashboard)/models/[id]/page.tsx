import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddToOverviewHint } from '@/components/dashboard/add-to-overview';
import { ModelStudio } from '@/components/studio/model-studio';
import { db } from '@/lib/db';
import { layoutModelIds } from '@/lib/schemas/dashboard-layout';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { getDashboardLayout } from '@/lib/server/dashboard/layout';
import { getModelStudio } from '@/lib/server/models/get-model-studio';
import { parseModelId } from './params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseModelId((await params).id);
  const m = id ? await db.model.findUnique({ where: { id }, select: { name: true } }) : null;
  return { title: m ? m.name : 'Model' };
}

export default async function ModelPage({ params }: Props) {
  const id = parseModelId((await params).id);
  if (!id) notFound();
  const [studio, user] = await Promise.all([getModelStudio(db, id), requirePageUser()]);
  if (!studio) notFound();
  // admins are told when the overview does not show this model, with the one click that adds it
  const offOverview = user.permissions.has('admin') && !layoutModelIds((await getDashboardLayout(db)).layout).includes(id);
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/models">← Models</Link>
      </nav>
      {offOverview ? <AddToOverviewHint modelId={id} modelName={studio.name} /> : null}
      <ModelStudio initial={studio} />
    </>
  );
}

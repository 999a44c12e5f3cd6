import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModelStudio } from '@/components/studio/model-studio';
import { db } from '@/lib/db';
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
  const studio = await getModelStudio(db, id);
  if (!studio) notFound();
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/models">← Models</Link>
      </nav>
      <ModelStudio initial={studio} />
    </>
  );
}

import type { Metadata } from 'next';
import { NotAllowed } from '@/components/auth/not-allowed';
import { pageUserWith } from '@/lib/server/auth/page-user';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabelingQueue } from '@/components/studio/labeling-queue';
import { db } from '@/lib/db';
import { ZQueueParams } from '@/lib/schemas/studio';
import { getModelStudio } from '@/lib/server/models/get-model-studio';
import { parseModelId } from '../params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseModelId((await params).id);
  const m = id ? await db.model.findUnique({ where: { id }, select: { name: true } }) : null;
  return { title: m ? `Label: ${m.name}` : 'Label transcripts' };
}

export default async function LabelPage({ params, searchParams }: Props) {
  const { user, allowed } = await pageUserWith('label');
  if (!allowed) {
    return (
      <>
        <h1>Label transcripts</h1>
        <NotAllowed permission="label" role={user.role} />
      </>
    );
  }
  const id = parseModelId((await params).id);
  if (!id) notFound();
  const raw = (await searchParams).strategy;
  // an unknown strategy in the URL falls back to the default rather than failing the page
  const parsed = ZQueueParams.shape.strategy.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const studio = await getModelStudio(db, id);
  if (!studio || studio.kind !== 'linear') notFound();
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/models">Models</Link> / <Link href={`/models/${id}`}>{studio.name}</Link>
      </nav>
      <LabelingQueue key={parsed.success ? parsed.data : 'margin'} initial={studio} strategy={parsed.success ? parsed.data : 'margin'} />
    </>
  );
}

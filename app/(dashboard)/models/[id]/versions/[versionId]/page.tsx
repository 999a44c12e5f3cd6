import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VersionView } from '@/components/studio/version-view';
import { db } from '@/lib/db';
import { getModelStudio, getModelVersion } from '@/lib/server/models/get-model-studio';
import { parseModelId } from '../../params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; versionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  const id = parseModelId(p.id);
  const versionId = parseModelId(p.versionId);
  const v = id && versionId ? await db.modelVersion.findFirst({ where: { id: versionId, modelId: id }, select: { version: true, model: { select: { name: true } } } }) : null;
  return { title: v ? `${v.model.name} v${v.version}` : 'Model version' };
}

export default async function VersionPage({ params }: Props) {
  const p = await params;
  const id = parseModelId(p.id);
  const versionId = parseModelId(p.versionId);
  if (!id || !versionId) notFound();
  const [studio, version] = await Promise.all([getModelStudio(db, id), getModelVersion(db, id, versionId)]);
  if (!studio || !version) notFound();
  const active = studio.activeVersionId && studio.activeVersionId !== versionId ? await getModelVersion(db, id, studio.activeVersionId) : null;
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/models">Models</Link> / <Link href={`/models/${id}`}>{studio.name}</Link>
      </nav>
      <VersionView studio={studio} version={version} active={active} />
    </>
  );
}

import type { Metadata } from 'next';
import { NotAllowed } from '@/components/auth/not-allowed';
import { pageUserWith } from '@/lib/server/auth/page-user';
import { UploadWorkspace } from '@/components/upload/upload-workspace';
import { db } from '@/lib/db';
import { defaultModelIds } from '@/lib/server/ingest/create-ingest-job';

export const metadata: Metadata = { title: 'Upload' };
export const dynamic = 'force-dynamic';

export default async function UploadPage() {
  const { user, allowed } = await pageUserWith('ingest');
  if (!allowed) {
    return (
      <>
        <h1>Upload</h1>
        <NotAllowed permission="ingest" role={user.role} />
      </>
    );
  }
  const ids = await defaultModelIds(db);
  const models = await db.model.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  return (
    <>
      <h1>Upload</h1>
      <p className="lead">Import transcripts in bulk. Every row is classified by the models you choose and stored; duplicates are skipped and rejected rows are listed with their line and what to fix.</p>
      <UploadWorkspace models={models} />
    </>
  );
}

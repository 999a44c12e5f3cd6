import type { Metadata } from 'next';
import { NotAllowed } from '@/components/auth/not-allowed';
import { pageUserWith } from '@/lib/server/auth/page-user';
import Link from 'next/link';
import { CreateModelForm } from '@/components/studio/create-model-form';
import { db } from '@/lib/db';

export const metadata: Metadata = { title: 'New model' };
export const dynamic = 'force-dynamic';

export default async function NewModelPage() {
  const { user, allowed } = await pageUserWith('models');
  if (!allowed) {
    return (
      <>
        <h1>New model</h1>
        <NotAllowed permission="models" role={user.role} />
      </>
    );
  }
  const models = await db.model.findMany({
    where: { kind: 'linear' },
    select: { id: true, name: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/models">← Models</Link>
      </nav>
      <h1>New model</h1>
      <p className="lead">A classifier answers one question about every transcript with one of its labels (or several, for a multi-label model). Short label descriptions help the people who label examples agree.</p>
      <CreateModelForm parents={models.map((m) => ({ id: m.id, name: m.name, labels: m.labels.map((l) => l.name) }))} />
    </>
  );
}

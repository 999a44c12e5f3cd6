import { notFound, redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { ZViewId } from '@/lib/schemas/saved-views';
import { getView } from '@/lib/server/views/views';

export const dynamic = 'force-dynamic';

/** A saved view's own link: opens its page with its filters and chart choices. */
export default async function ViewPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ZViewId.safeParse((await params).id);
  if (!parsed.success) notFound();
  const view = await getView(db, parsed.data);
  if (!view) notFound();
  // A view of the overview with no filters at all would land on a bare "/", which opens the person's default view: say the default range instead.
  redirect(view.href === '/' ? '/?range=30d' : view.href);
}

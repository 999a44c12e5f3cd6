import type { ReactNode } from 'react';
import { PermissionsProvider } from '@/components/auth/permissions-context';
import { UserBox } from '@/components/auth/user-box';
import { WorkerBanner } from '@/components/auth/worker-banner';
import { NavLink } from '@/components/ui/nav-link';
import { requirePageUser } from '@/lib/server/auth/page-user';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const can = user.permissions;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden />
          Callsight
        </div>
        <nav className="nav" aria-label="Main">
          <NavLink href="/" keepFilters>
            Overview
          </NavLink>
          <NavLink href="/transcripts" keepFilters>
            Transcripts
          </NavLink>
          <NavLink href="/models">Models</NavLink>
          {can.has('ingest') ? <NavLink href="/upload">Upload</NavLink> : null}
          <NavLink href="/api-docs">API</NavLink>
          {can.has('admin') ? <NavLink href="/settings">Settings</NavLink> : null}
        </nav>
        <UserBox email={user.email} name={user.name} role={user.role} />
      </aside>
      <main className="main">
        <WorkerBanner />
        <PermissionsProvider permissions={[...can]}>{children}</PermissionsProvider>
      </main>
    </div>
  );
}

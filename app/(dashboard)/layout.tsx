import type { ReactNode } from 'react';
import { PermissionsProvider } from '@/components/auth/permissions-context';
import { UserBox } from '@/components/auth/user-box';
import { WorkerBanner } from '@/components/auth/worker-banner';
import { NavLink } from '@/components/ui/nav-link';
import { ViewsNav } from '@/components/views/views-nav';
import { requirePageUser } from '@/lib/server/auth/page-user';
import '@/app/dashboard-layout.css';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const can = user.permissions;
  return (
    <PermissionsProvider permissions={[...can]}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
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
          <ViewsNav />
          <UserBox email={user.email} name={user.name} role={user.role} />
        </aside>
        {/* the skip link's target: focusable so the next Tab starts inside the page */}
        <main className="main" id="main" tabIndex={-1}>
          <WorkerBanner />
          {children}
        </main>
      </div>
    </PermissionsProvider>
  );
}

import type { ReactNode } from 'react';
import { NavLink } from '@/components/ui/nav-link';

export default function DashboardLayout({ children }: { children: ReactNode }) {
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
          <NavLink href="/upload">Upload</NavLink>
          <NavLink href="/api-docs">API</NavLink>
        </nav>
      </aside>
      <main className="main">{children}</main>
    </div>
  );
}

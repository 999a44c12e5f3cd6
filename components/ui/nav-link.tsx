'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';

type Props = { href: string; children: ReactNode; keepFilters?: boolean };

export function NavLink(props: Props) {
  if (!props.keepFilters) return <PlainNavLink {...props} />;
  // useSearchParams needs a Suspense boundary on pages rendered ahead of time
  return (
    <Suspense fallback={<PlainNavLink {...props} />}>
      <FilterNavLink {...props} />
    </Suspense>
  );
}

function PlainNavLink({ href, children }: Props) {
  const pathname = usePathname();
  const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Moving between the overview and the drill-down keeps the dashboard filters. */
function FilterNavLink({ href, children }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
  const query = filtersToSearchParams(safeParseDashboardFilters(new URLSearchParams(searchParams.toString())).filters).toString();
  return (
    <Link href={query ? `${href}?${query}` : href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Permission } from '@/lib/auth/permissions';

const Ctx = createContext<ReadonlySet<Permission>>(new Set());

/** The signed-in person's permissions, for hiding what they cannot do (the server checks every request regardless). */
export function PermissionsProvider({ permissions, children }: { permissions: readonly Permission[]; children: ReactNode }) {
  return <Ctx.Provider value={new Set(permissions)}>{children}</Ctx.Provider>;
}

export function useCan(permission: Permission): boolean {
  return useContext(Ctx).has(permission);
}

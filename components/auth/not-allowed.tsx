import { PERMISSION_WORDS, type Permission } from '@/lib/auth/permissions';

/** What a page shows a person whose role cannot use it (the server refuses the actions too). */
export function NotAllowed({ permission, role }: { permission: Permission; role: string }) {
  return (
    <div className="card empty-state" role="alert">
      <p className="empty-title">Your role ({role}) cannot {PERMISSION_WORDS[permission]}.</p>
      <p>Ask an admin for a role that can.</p>
    </div>
  );
}

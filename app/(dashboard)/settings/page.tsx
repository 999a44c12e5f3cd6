import type { Metadata } from 'next';
import { ApiKeysSection } from '@/components/settings/api-keys-section';
import { AuditLogSection } from '@/components/settings/audit-log-section';
import { PeopleSection } from '@/components/settings/people-section';
import { ROLE_SUMMARY } from '@/lib/auth/permissions';
import { pageUserWith } from '@/lib/server/auth/page-user';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const { user, allowed } = await pageUserWith('admin');
  if (!allowed) {
    return (
      <>
        <h1>Settings</h1>
        <div className="card empty-state" role="alert">
          <p className="empty-title">Only admins can open Settings.</p>
          <p>
            Your role ({user.role}) can {ROLE_SUMMARY[user.role]}. Ask an admin if you need more.
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="lead">Who can sign in and what they may do, the API keys clients use, and the audit log of what everyone did.</p>
        </div>
      </div>
      <div className="settings">
        <PeopleSection currentUserId={user.id} />
        <ApiKeysSection />
        <AuditLogSection />
      </div>
    </>
  );
}

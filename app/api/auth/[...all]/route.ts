// /api/auth/* – sign-in, sign-out and SSO callbacks, answered by better-auth (lib/server/auth/auth.ts)
import { getAuth } from '@/lib/server/auth/auth';
import { otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');

// POST /api/auth/setup – use a one-time setup link: set a password, or create the first admin
import { z } from 'zod';
import { ApiError, errorResponse, fromZodError, newRequestId } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/read-json-body';
import { clientIp } from '@/lib/http/request-guard';
import { redeemSetupLink } from '@/lib/server/users/users';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().max(256),
  email: z.string().max(254).optional(),
  name: z.string().max(120).optional(),
});

// No session here (the link is the credential); proxy.ts has already refused
// other origins, and the body must be JSON.
export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) throw new ApiError(415, 'unsupported_media_type', 'Send the form as application/json.');
    const parsed = ZBody.safeParse(await readJsonBody(request, 16 * 1024));
    if (!parsed.success) throw fromZodError(parsed.error);
    const { token, ...input } = parsed.data;
    const r = await redeemSetupLink(db, token, input, clientIp(request.headers));
    return Response.json({ email: r.email }, { status: 201 });
  } catch (e) {
    return errorResponse(e, requestId);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');

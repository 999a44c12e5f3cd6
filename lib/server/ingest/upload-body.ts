import 'server-only';
import { ApiError, badRequest } from '@/lib/errors';
import { bodyChunks } from './request-body';

/**
 * The media type of an upload, refused with 415 (the API's error, `details`
 * naming Content-Type) unless the route documents it. The route edge checks
 * this for browser sessions only (lib/http/api-handler.ts); an upload route
 * checks it for everyone, API keys included, so a body is never read as
 * something it is not.
 */
export function uploadMediaType(request: Request, accepts: readonly string[]): string {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accepts.includes(type)) {
    throw new ApiError(415, 'unsupported_media_type', `This endpoint reads ${accepts.join(' or ')}, not ${type || 'a body without Content-Type'}.`, [
      { path: 'Content-Type', message: `expected ${accepts.join(' or ')}` },
    ]);
  }
  return type;
}

const HEADERS_MAX = 16 * 1024;
const NO_FILE = 'The multipart/form-data body has no file part: send the file in a part with a file name (curl -F file=@calls.csv).';

/**
 * The file of a multipart/form-data upload, streamed: the first part with a
 * file name (or named "file"), its bytes handed on as they arrive. Other
 * parts are skipped unread; at most a delimiter's length of the body and one
 * part's headers are held at a time, so a large file costs no memory.
 */
export async function multipartFile(request: Request): Promise<{ fileName: string | null; body: AsyncGenerator<Uint8Array> }> {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get('content-type') ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw badRequest('A multipart/form-data body needs a boundary in its Content-Type.', [{ path: 'Content-Type', message: 'no boundary' }]);
  const delimiter = Buffer.from(`\r\n--${b}`);
  const chunks = bodyChunks(request);
  // The body's first delimiter has no line break before it: one is added, so every delimiter looks the same.
  let buf = Buffer.from('\r\n');
  const more = async (): Promise<boolean> => {
    const r = await chunks.next();
    if (r.done) return false;
    buf = buf.length ? Buffer.concat([buf, r.value]) : Buffer.from(r.value);
    return true;
  };
  for (;;) {
    let at: number;
    while ((at = buf.indexOf(delimiter)) < 0) {
      // Skipping a preamble or a part that is not the file: keep only what may begin a delimiter.
      if (buf.length >= delimiter.length) buf = Buffer.from(buf.subarray(buf.length - delimiter.length + 1));
      if (!(await more())) throw badRequest(NO_FILE, [{ path: 'file', message: 'missing' }]);
    }
    buf = buf.subarray(at + delimiter.length);
    while (buf.length < 2) if (!(await more())) throw badRequest(NO_FILE, [{ path: 'file', message: 'missing' }]);
    if (buf[0] === 0x2d && buf[1] === 0x2d) throw badRequest(NO_FILE, [{ path: 'file', message: 'missing' }]);
    let end: number;
    while ((end = buf.indexOf('\r\n\r\n')) < 0) {
      if (buf.length > HEADERS_MAX) throw badRequest('A part of the multipart/form-data body has headers longer than 16 KiB.');
      if (!(await more())) throw badRequest('The multipart/form-data body ends inside a part\'s headers: it is cut short.');
    }
    const disposition = /content-disposition:\s*([^\r\n]*)/i.exec(buf.subarray(0, end).toString('utf8'))?.[1] ?? '';
    buf = buf.subarray(end + 4);
    const fileName = fileNameOf(disposition);
    if (fileName !== null || /;\s*name="?file"?\s*(;|$)/i.test(disposition)) return { fileName, body: content() };
  }

  async function* content(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (at) yield buf.subarray(0, at);
          return;
        }
        const keep = delimiter.length - 1;
        if (buf.length > keep) {
          yield buf.subarray(0, buf.length - keep);
          buf = Buffer.from(buf.subarray(buf.length - keep));
        }
        if (!(await more())) throw badRequest('The multipart/form-data body ends inside the file: it is cut short.');
      }
    } finally {
      await chunks.return(undefined);
    }
  }
}

/** `filename*=UTF-8''…` or `filename="…"` of a Content-Disposition, without any folders; null when there is none. */
function fileNameOf(disposition: string): string | null {
  const extended = /;\s*filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /;\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition)?.slice(1).find((v) => v !== undefined)?.replace(/\\(.)/g, '$1');
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

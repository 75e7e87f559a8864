import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssues } from '../../../shared/config/validate.js';
import { problem } from './problems.js';

/**
 * Reads at most `limit` bytes: a declared Content-Length over the limit is refused before
 * reading, and a body that streams past it (chunked, or lying) is cut off at the limit.
 */
export async function readText(c: Context, limit: number): Promise<string | Response> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > limit) return tooLarge(c, limit);
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge(c, limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** JSON body (sent as application/json or as text/plain by sendBeacon) checked by a schema. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, limit: number): Promise<z.infer<S> | Response> {
  const text = await readText(c, limit);
  if (text instanceof Response) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(c, 400, 'body is not valid JSON', [{ path: [], message: 'expected a JSON object' }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return problem(c, 400, 'invalid request', zodIssues(parsed.error));
  return parsed.data;
}

function tooLarge(c: Context, limit: number): Response {
  return problem(c, 413, `body is larger than ${limit} bytes`);
}

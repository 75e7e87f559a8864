/**
 * The admin API as the studio calls it: the session cookie goes along by itself (same
 * origin), every state-changing request carries the session's CSRF token, and an answer
 * of 401 means the session is over, so the studio shows the sign-in again.
 */
export interface Issue {
  path: (string | number)[];
  message: string;
  line?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly issues: Issue[],
    message: string,
    readonly headers: Headers,
  ) {
    super(message);
  }
}

let csrf = '';
let signedOut: () => void = () => {};

export function useSession(token: string, onSignedOut: () => void): void {
  csrf = token;
  signedOut = onSignedOut;
}

interface Options {
  method?: string;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export async function request(path: string, { method = 'GET', json, text, headers = {} }: Options = {}): Promise<Response> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(json !== undefined || text !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'GET' ? {} : { 'x-vitrine-csrf': csrf }),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : text,
  });
  if (res.ok) return res;
  const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: Issue[] };
  if (res.status === 401 && !path.endsWith('/admin/session')) signedOut();
  throw new ApiError(res.status, body.issues ?? [], body.error ?? `${res.status} ${res.statusText}`, res.headers);
}

export async function requestJson<T>(path: string, options?: Options): Promise<T> {
  return (await request(path, options)).json() as Promise<T>;
}

export const siteUrl = (site: string, rest = '') => `/admin/sites/${encodeURIComponent(site)}${rest}`;

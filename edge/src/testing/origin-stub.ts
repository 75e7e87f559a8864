import { vi } from 'vitest';

/**
 * A shop's origin server for proxy tests in workerd: every fetch the Worker makes to `base`
 * lands in `respond`, which each test sets; other fetches go out as usual. The requests
 * the origin received are kept, in order.
 */
export function stubOrigin(base: string) {
  const stub = {
    requests: [] as Request[],
    respond: (_req: Request): Response | Promise<Response> => new Response('no answer set', { status: 500 }),
  };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const request: Request = new Request(input as string, init as RequestInit);
    if (!request.url.startsWith(base)) return realFetch(input, init);
    stub.requests.push(request.clone() as Request);
    return Promise.resolve(stub.respond(request));
  });
  return stub;
}

/** A body that sends `first` at once and `rest` after `ms`: an origin that flushes its `<head>` early. */
export function slowBody(first: string, rest: string, ms: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(bytes.encode(first));
      await new Promise((r) => setTimeout(r, ms));
      controller.enqueue(bytes.encode(rest));
      controller.close();
    },
  });
}

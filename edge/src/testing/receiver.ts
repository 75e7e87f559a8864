/**
 * A local webhook receiver for tests and the bench (runs in Node, beside workerd). Each
 * path under /hooks/ is a receiver of its own: it records every request (headers and the
 * raw body) and answers from its script — a list of statuses used up in order, then 200;
 * "hang" answers only after 15 s, past the sender's timeout.
 *   POST /hooks/:name          a delivery
 *   GET  /hooks/:name          what arrived, oldest first
 *   PUT  /hooks/:name/script   ["500", "hang", …]
 */
import { createServer, type IncomingMessage } from 'node:http';

export interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received(name: string): Received[];
  stop(): Promise<void>;
}

export async function startReceiver(onMessage?: (name: string, message: Received) => void): Promise<Receiver> {
  const log = new Map<string, Received[]>();
  const scripts = new Map<string, string[]>();
  const server = createServer(async (req, res) => {
    const match = /^\/hooks\/([\w-]+)(\/script)?$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    const [, name, script] = match;
    const body = await readBody(req);
    if (script) {
      scripts.set(name, JSON.parse(body) as string[]);
      return void res.writeHead(204).end();
    }
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log.get(name) ?? []));
    const message: Received = { headers: flatHeaders(req), body, at: Date.now() };
    log.set(name, [...(log.get(name) ?? []), message]);
    onMessage?.(name, message);
    const answer = scripts.get(name)?.shift() ?? '200';
    if (answer === 'hang') return void setTimeout(() => res.writeHead(200).end(), 15_000).unref();
    res.writeHead(Number(answer)).end();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received: (name) => log.get(name) ?? [],
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk) => (body += chunk)).on('end', () => resolve(body));
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') out[key] = value;
  return out;
}

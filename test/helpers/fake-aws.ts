// A tiny local HTTP endpoint that answers like AWS (or like a broken proxy) so the real SDK stack —
// serialisation, retries, error parsing — runs in tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeAws {
  endpoint: string;
  /** Every request seen, as `METHOD path?query`. */
  requests: string[];
  close(): Promise<void>;
}

/** `route` gets each request and how many times that same path (without query values) was hit before. */
export async function fakeAws(route: (req: IncomingMessage, body: string, hit: number) => FakeReply): Promise<FakeAws> {
  const requests: string[] = [];
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const key = `${req.method} ${req.url}`;
      requests.push(key);
      const hit = hits.get(key) ?? 0;
      hits.set(key, hit + 1);
      const reply = route(req, body, hit);
      res.writeHead(reply.status, { 'x-amzn-requestid': `req-${requests.length}`, ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const xml = (status: number, body: string): FakeReply => ({ status, body, headers: { 'content-type': 'application/xml' } });
export const json = (status: number, body: unknown, errorType?: string): FakeReply => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
});
export const html = (status: number): FakeReply => ({
  status,
  body: '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
  headers: { 'content-type': 'text/html' },
});

import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP server that answers with recorded ODS responses (tests/fixtures/ods-recorded), so the
 * explorer's fetchers are tested with the real `fetch` against real bodies. Each route is matched on
 * method and path; every request is kept, so a test can check the query string, headers and body
 * that were sent.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordedReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (sent as JSON), a string (sent as is), or chunks written one by one. */
  body?: unknown;
  chunks?: (string | Uint8Array)[];
  /** Milliseconds between chunks, so a client can cancel mid-stream. */
  chunkDelay?: number;
}

export type Route = (request: RecordedRequest) => RecordedReply | undefined;

export function recorded(name: string): unknown {
  return JSON.parse(readFileSync(`tests/fixtures/ods-recorded/${name}`, 'utf8'));
}

export interface RecordedPortal {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

async function write(response: ServerResponse, reply: RecordedReply): Promise<void> {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', ...reply.headers };
  if (reply.chunks) {
    response.writeHead(reply.status ?? 200, headers);
    for (const chunk of reply.chunks) {
      if (response.destroyed) return;
      response.write(chunk);
      if (reply.chunkDelay) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelay));
    }
    response.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
  if (typeof reply.body !== 'string' && !headers['Content-Type']) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  response.writeHead(reply.status ?? 200, headers);
  response.end(text);
}

export async function startRecordedPortal(routes: Record<string, Route>): Promise<RecordedPortal> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    let body = '';
    incoming.on('data', (chunk) => {
      body += chunk;
    });
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://recorded.invalid');
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
      };
      requests.push(request);
      const route = routes[`${request.method} ${request.path}`];
      const reply = route?.(request) ?? {
        status: 404,
        body: { error_code: 'NotFoundResource', message: `No recorded answer for ${request.path}` },
      };
      void write(response, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

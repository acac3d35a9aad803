import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { QuotaErrorBody } from '../../common/ods-api/errors';
import type { RecordsResponse } from '../../common/ods-api/types';
import { createApp } from '../app';
import { syncPortal } from '../store/ingest';
import { STORE_FORMAT_VERSION, Store } from '../store/store';
import { exportTestPortal } from '../testing/export-test-portal';
import { feedbackCommand } from './feedback-cli';
import { FeedbackStore } from './feedback-store';

/** `PUT …/feedback`: validation, limits, and storage that outlives restarts, re-ingests and upgrades. */

const portal = exportTestPortal();
afterAll(portal.cleanup);
afterEach(() => {
  vi.useRealTimers();
});

const URL_OF = (dataset: string) => `http://portal.test/api/v2/catalog/datasets/${dataset}/feedback`;

/** A fresh app: each has its own per-client limit, so tests do not share a budget. */
const freshApp = () => createApp({ store: portal.store, log: () => {} });

function put(app: ReturnType<typeof freshApp>, body: unknown, dataset = 'fixture-cities', headers = {}) {
  return app.request(URL_OF(dataset), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'feedback-test/1.0', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function firstRecordId(dataset: string): Promise<string> {
  const response = await portal.app.request(
    `http://portal.test/api/v2/catalog/datasets/${dataset}/records?limit=1`,
  );
  return ((await response.json()) as RecordsResponse).records[0]!.record.id;
}

const stored = () => FeedbackStore.of(portal.store).list();

describe('feedback: accepted', () => {
  it('stores a comment with the record, new values, schema, time and user agent; 201 {"status":"ok"}', async () => {
    const app = freshApp();
    const recordid = await firstRecordId('fixture-cities');
    const before = stored().length;
    const response = await put(app, {
      feedback: {
        comment: 'Paris had 2,102,650 inhabitants in 2023.',
        recordid,
        newValues: { population: 2102650 },
        schema: { population: { type: 'int' } },
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok' });
    const entries = stored();
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({
      datasetId: 'fixture-cities',
      comment: 'Paris had 2,102,650 inhabitants in 2023.',
      recordId: recordid,
      newValues: { population: 2102650 },
      schema: { population: { type: 'int' } },
      userAgent: 'feedback-test/1.0',
    });
    expect(Math.abs(Date.parse(entry.createdAt) - Date.now())).toBeLessThan(60_000);
  });

  it('accepts the bare object, without recordid or new values', async () => {
    const response = await put(freshApp(), { comment: 'The dataset lacks Vienna.' }, 'fixture-events');
    expect(response.status).toBe(201);
    expect(stored().at(-1)).toMatchObject({
      datasetId: 'fixture-events',
      comment: 'The dataset lacks Vienna.',
      recordId: null,
      newValues: null,
      schema: null,
    });
  });

  it('commits at once, even while an export holds a read on the store', async () => {
    const app = freshApp();
    const exportResponse = await portal.app.request(
      'http://portal.test/api/v2/catalog/datasets/many/exports/csv',
    );
    const reader = exportResponse.body!.getReader();
    await reader.read();
    try {
      const response = await put(app, { comment: 'Written during an export.' });
      expect(response.status).toBe(201);
      // Another connection sees it: the row is committed, not waiting for the export to end.
      expect(stored().at(-1)?.comment).toBe('Written during an export.');
    } finally {
      await reader.cancel();
    }
  });
});

describe('feedback: refused', () => {
  it.each([
    [{ feedback: {} }, 'feedback.comment: it is required.'],
    [{ feedback: { comment: '   ' } }, 'feedback.comment: it must not be empty.'],
    [{ feedback: { comment: 42 } }, 'feedback.comment: expected a string, got number 42.'],
    [
      { feedback: { comment: 'x'.repeat(10_001) } },
      'feedback.comment: at most 10,000 characters, got 10,001.',
    ],
    [{ feedback: { comment: 'ok', recordid: 7 } }, 'feedback.recordid: expected a record id'],
    [
      { feedback: { comment: 'ok', newValues: [1, 2] } },
      'feedback.newValues: expected an object of field names',
    ],
    [{ feedback: { comment: 'ok', schema: 'int' } }, 'feedback.schema: expected an object'],
    [{ feedback: 'a comment' }, 'Invalid value for feedback: expected an object'],
    [[1, 2], 'must be a JSON object'],
    ['{"feedback": {"comment": "unterminated"', 'must be JSON'],
    ['', 'must be JSON'],
  ])('%j → 400 naming the field', async (body, message) => {
    const response = await put(freshApp(), body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error_code: string; message: string };
    expect(answer.error_code).toBe('InvalidRESTParameterError');
    expect(answer.message).toContain(message);
  });

  it('refuses a body nested 10,000 levels with a 400, and stores nothing; 32 levels pass', async () => {
    const before = stored().length;
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const deep = await put(freshApp(), `{"feedback":{"comment":"deep","schema":${nested(10_000)}}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { message: string }).message).toBe(
      'The feedback body nests arrays and objects more than 32 levels deep.',
    );
    expect(stored()).toHaveLength(before);
    // Brackets inside strings are text, not nesting.
    const comment = `a comment with brackets ${'[{'.repeat(100)}`;
    const ok = await put(
      freshApp(),
      `{"feedback":{"comment":${JSON.stringify(comment)},"schema":${nested(30)}}}`,
    );
    expect(ok.status).toBe(201);
    expect(stored().at(-1)!.comment).toBe(comment);
  });

  it('refuses a record id the dataset does not have, and new values for fields it does not have', async () => {
    const app = freshApp();
    const unknownRecord = await put(app, { feedback: { comment: 'ok', recordid: 'f'.repeat(40) } });
    expect(unknownRecord.status).toBe(400);
    expect(((await unknownRecord.json()) as { message: string }).message).toBe(
      `Invalid value for feedback.recordid: no record "${'f'.repeat(40)}" in dataset fixture-cities.`,
    );
    const recordid = await firstRecordId('fixture-cities');
    const unknownField = await put(app, {
      feedback: { comment: 'ok', recordid, newValues: { mayor: 'Anne' } },
    });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { message: string }).message).toBe(
      'Invalid value for feedback.newValues: "mayor" is not a field of dataset fixture-cities.',
    );
    // A record of another dataset is not a record of this one.
    const elsewhere = await put(app, {
      feedback: { comment: 'ok', recordid: await firstRecordId('fixture-events') },
    });
    expect(elsewhere.status).toBe(400);
  });

  it('answers 404 with the ODS body for an unknown dataset', async () => {
    const response = await put(freshApp(), { feedback: { comment: 'ok' } }, 'nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('NotFoundResource');
  });

  it('answers 413 to a body over 64 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ feedback: { comment: 'ok', schema: { pad: 'x'.repeat(70_000) } } });
    const declared = await put(freshApp(), big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error_code: 'PayloadTooLarge',
      message: 'The feedback body is larger than 64 KiB (65,536 bytes).',
    });
    // Chunked, with no Content-Length: the limit applies while reading.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
        controller.close();
      },
    });
    const streamed = await freshApp().request(URL_OF('fixture-cities'), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('limits each client to 30 a minute, with the ODS quota body and rate-limit headers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T10:00:00Z'));
    const app = freshApp();
    for (let k = 0; k < 30; k++) {
      const response = await put(app, { feedback: { comment: `note ${k}` } });
      expect(response.status).toBe(201);
      expect(response.headers.get('X-RateLimit-Remaining')).toBe(String(29 - k));
    }
    const refused = await put(app, { feedback: { comment: 'one too many' } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      errorcode: 10005,
      reset_time: '2026-01-05T10:01:00Z',
      limit_time_unit: 'minute',
      call_limit: 30,
      error: 'Too many feedback submissions from this client. Try again in a minute.',
    } satisfies QuotaErrorBody);
    expect(refused.headers.get('X-RateLimit-Limit')).toBe('30');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(refused.headers.get('X-RateLimit-Reset')).toBe(String(Date.parse('2026-01-05T10:01:00Z') / 1000));
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(stored().some((entry) => entry.comment === 'one too many')).toBe(false);

    vi.setSystemTime(new Date('2026-01-05T10:01:00.001Z'));
    expect((await put(app, { feedback: { comment: 'a minute later' } })).status).toBe(201);
  });
});

describe('feedback: never lost', () => {
  it('survives a restart, a re-ingest of changed data and an upgrade of the store format', async () => {
    const app = freshApp();
    expect((await put(app, { feedback: { comment: 'Keep me across restarts.' } })).status).toBe(201);
    const count = stored().length;

    // A restart: a new Store on the same file.
    const reopened = new Store(portal.dbFile);
    expect(FeedbackStore.of(reopened).list()).toHaveLength(count);
    reopened.close();

    // A re-ingest of changed data rebuilds the dataset's tables; feedback stays.
    const file = join(portal.dir, 'events/data.json');
    const events = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    events[0]!.attendance = 4321;
    writeFileSync(file, JSON.stringify(events));
    const report = syncPortal(portal.store, portal.dir, { log: () => {} });
    expect(report.ingested.map((d) => d.datasetId)).toEqual(['fixture-events']);
    expect(stored()).toHaveLength(count);
    expect(stored().some((entry) => entry.comment === 'Keep me across restarts.')).toBe(true);

    // An older store format is emptied and rebuilt; feedback cannot be rebuilt, so it is kept.
    portal.store.db.pragma(`user_version = ${STORE_FORMAT_VERSION - 1}`);
    const upgraded = new Store(portal.dbFile);
    expect(upgraded.datasets()).toEqual([]);
    expect(FeedbackStore.of(upgraded).list()).toHaveLength(count);
    syncPortal(upgraded, portal.dir, { log: () => {} });
    expect(upgraded.datasets().length).toBeGreaterThan(0);
    upgraded.close();
    expect(stored()).toHaveLength(count);
  });
});

describe('feedback: the owner reads it (`npm run portal -- feedback`)', () => {
  it('prints a table, JSON or CSV, for every dataset or one', () => {
    const run = (args: string[]) => {
      let out = '';
      feedbackCommand([...args, '--db', portal.dbFile], (text) => {
        out += text;
      });
      return out;
    };
    const json = JSON.parse(run(['--json'])) as { datasetId: string; comment: string }[];
    expect(json.length).toBe(stored().length);
    const events = JSON.parse(run(['fixture-events', '--json'])) as { datasetId: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((entry) => entry.datasetId === 'fixture-events')).toBe(true);

    const table = run([]).split('\n');
    expect(table[0]).toMatch(/^id\s+created_at\s+dataset_id\s+record_id\s+comment\s+changes$/);
    expect(table.some((line) => line.includes('Keep me across restarts.'))).toBe(true);

    const csv = run(['fixture-cities', '--csv']);
    expect(csv.split('\r\n')[0]).toBe(
      'id,created_at,dataset_id,record_id,comment,new_values,old_values,user_agent',
    );
    expect(csv).toContain('"Paris had 2,102,650 inhabitants in 2023."');
  });

  it('guards formula-like text in its CSV and refuses bad arguments', async () => {
    expect((await put(freshApp(), { feedback: { comment: '=cmd|"/c calc"!A1' } })).status).toBe(201);
    let out = '';
    feedbackCommand(['--csv', '--db', portal.dbFile], (text) => {
      out += text;
    });
    expect(out).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(() => feedbackCommand(['a', 'b', '--db', portal.dbFile])).toThrow('at most one dataset id');
    expect(() => feedbackCommand(['--json', '--csv', '--db', portal.dbFile])).toThrow(
      'one of --json and --csv',
    );
    expect(() => feedbackCommand(['--db', join(portal.dir, 'missing.sqlite')])).toThrow('no portal database');
  });
});

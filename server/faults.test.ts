import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackStore } from './feedback/feedback-store';
import { servePortal } from './serve';
import { syncPortal } from './store/ingest';
import { Store } from './store/store';
import { FIXTURE_PORTAL_DIR } from './testing/fixture-portal';

/**
 * Faults: a full disk at start, a full disk under feedback, and kill -9 while feedback is written.
 * A test cannot fill a real disk, so the full disk is SQLite's own: `max_page_count` set to the
 * file's size makes every write that needs a new page fail with SQLITE_FULL, the error a full disk
 * gives, through the same code paths.
 */

const temp = mkdtempSync(join(tmpdir(), 'ods-faults-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the fixture portal loaded into its own store, which is then closed. */
function loadedPortal(name: string): { dir: string; db: string } {
  const dir = join(temp, name);
  cpSync(FIXTURE_PORTAL_DIR, dir, { recursive: true });
  const db = join(temp, `${name}.sqlite`);
  const store = new Store(db);
  syncPortal(store, dir, { log: () => {} });
  store.close();
  return { dir, db };
}

function full<T extends { pragma: Database.Database['pragma'] }>(db: T): T {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  return db;
}

const feedbackUrl = (base: string) => `${base}/api/v2/catalog/datasets/fixture-cities/feedback`;
const put = (url: string, comment: string) =>
  fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ feedback: { comment } }),
  });

describe('a full disk', () => {
  it('at start: the store is served read-only with one clear line, and feedback answers 503', async () => {
    const { dir, db } = loadedPortal('full-at-start');
    // The folder changed since the store was written: ingest must write, and cannot.
    appendFileSync(
      join(dir, 'bike-counters.csv'),
      '00999;Pont Neuf;2024-05-07T07:00:00+02:00;1;11.5;no;48.85751;2.34103\n',
    );
    const lines: string[] = [];
    const running = await servePortal({
      port: 0,
      host: '127.0.0.1',
      data: dir,
      db,
      dist: join(temp, 'no-dist'),
      // The faults are the store's: one query worker, as each thread takes about a second to start.
      workers: 1,
      log: (line) => lines.push(line),
      openStore: (file) => {
        const store = new Store(file);
        full(store.db);
        return store;
      },
    });
    try {
      expect(lines.filter((line) => line.startsWith('[portal]'))).toEqual([
        `[portal] cannot write ${db} (database or disk is full): serving the 4 datasets it holds, read-only; changes to the folder and feedback wait until the disk has room`,
      ]);
      const records = await fetch(`${running.url}/api/v2/catalog/datasets/bike-counters/records?limit=0`);
      expect(records.status).toBe(200);
      const countBefore = ((await records.json()) as { total_count: number }).total_count;
      expect(countBefore).toBeGreaterThan(0);
      const refused = await put(feedbackUrl(running.url), 'Nobody will read this.');
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({
        error_code: 'ServerError',
        message: 'The portal cannot store feedback now: its disk is full or read-only. Try again later.',
      });
    } finally {
      await running.close();
    }
  });

  it('under feedback: a write that cannot be kept answers 503, never a false 201', () => {
    const { db } = loadedPortal('full-later');
    const feedback = new FeedbackStore(db, null, (file) => full(new Database(file, { fileMustExist: true })));
    const input = {
      datasetId: 'fixture-cities',
      recordId: null,
      newValues: null,
      oldValues: null,
      schema: null,
      userAgent: null,
      client: null,
    };
    // Longer than a page, so it needs pages the full disk has not got.
    expect(() => feedback.add({ ...input, comment: 'x'.repeat(9000) })).toThrow(
      expect.objectContaining({ status: 503, errorCode: 'ServerError' }),
    );
    expect(new FeedbackStore(db).list()).toEqual([]);
  });
});

describe('kill -9 during feedback writes', () => {
  /** Runs the portal CLI as a child process; resolves with its URL once it listens. */
  function startPortal(dir: string, db: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve('server/main.ts'),
        '--port',
        '0',
        '--data',
        dir,
        '--db',
        db,
        '--dist',
        join(temp, 'no-dist'),
        '--workers',
        '1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return new Promise((started, failed) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /API at (http:\/\/\S+)/.exec(output)?.[1];
        if (url) started({ child, url });
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) =>
        failed(new Error(`the portal exited (${code}) before listening:\n${output}`)),
      );
    });
  }

  it('loses no acknowledged submission', async () => {
    const { dir, db } = loadedPortal('kill-9');
    const first = await startPortal(dir, db);
    const exited = new Promise((done) => first.child.once('exit', done));
    const acknowledged: string[] = [];
    const url = feedbackUrl(first.url);
    // 30 a minute per client are accepted (the rate limit); send them 6 at a time and kill the
    // process once 10 are acknowledged, with others in flight.
    let next = 0;
    const worker = async () => {
      while (next < 30) {
        const comment = `submission ${next++}`;
        try {
          const response = await put(url, comment);
          if (response.status === 201) acknowledged.push(comment);
          if (acknowledged.length >= 10) first.child.kill('SIGKILL');
        } catch {
          // The connection died with the process: not acknowledged, so it may or may not be kept.
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    await exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    const again = await startPortal(dir, db);
    try {
      const kept = new Set(new FeedbackStore(db).list().map((entry) => entry.comment));
      expect(acknowledged.filter((comment) => !kept.has(comment))).toEqual([]);
      // The restarted portal takes feedback again.
      expect((await put(feedbackUrl(again.url), 'after the crash')).status).toBe(201);
    } finally {
      again.child.kill('SIGTERM');
      await new Promise((done) => again.child.once('exit', done));
    }
  }, 60_000);
});

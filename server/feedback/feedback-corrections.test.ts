import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordsResponse } from '../../common/ods-api/types';
import { createApp } from '../app';
import { exportTestPortal } from '../testing/export-test-portal';
import { changesText, feedbackCommand, parseSince } from './feedback-cli';
import { FeedbackStore, readFeedback } from './feedback-store';

/** Corrections: values checked against the schema, the record's old values kept, `--since`. */

const portal = exportTestPortal();
afterAll(portal.cleanup);

const freshApp = () => createApp({ store: portal.store, log: () => {} });

function put(body: unknown, dataset = 'fixture-cities') {
  return freshApp().request(`http://portal.test/api/v2/catalog/datasets/${dataset}/feedback`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function recordIdOf(name: string): Promise<string> {
  const where = encodeURIComponent(`name = "${name}"`);
  const response = await portal.app.request(
    `http://portal.test/api/v2/catalog/datasets/fixture-cities/records?where=${where}`,
  );
  return ((await response.json()) as RecordsResponse).records[0]!.record.id;
}

function cli(args: string[]): string {
  let out = '';
  feedbackCommand([...args, '--db', portal.dbFile], (text) => {
    out += text;
  });
  return out;
}

describe('feedback corrections: values', () => {
  it("keeps the record's values of the corrected fields as they were when it was sent", async () => {
    const recordid = await recordIdOf('Paris');
    const response = await put({
      feedback: {
        comment: 'The 2023 census.',
        recordid,
        newValues: { population: 2102650, capital: true, founded: null },
        schema: { population: { type: 'int', label: 'Population' } },
      },
    });
    expect(response.status).toBe(201);
    const entry = FeedbackStore.of(portal.store).list().at(-1)!;
    expect(entry.newValues).toEqual({ population: 2102650, capital: true, founded: null });
    expect(entry.oldValues).toEqual({ population: 2138551, capital: true, founded: '0052-01-01' });
    expect(changesText(entry)).toBe(
      'population: 2138551 → 2102650; capital: true → true; founded: "0052-01-01" → null',
    );
  });

  it('refuses a value its field cannot hold, naming feedback.newValues.<field>', async () => {
    const recordid = await recordIdOf('Lyon');
    const cases: [Record<string, unknown>, string][] = [
      [{ population: 12.5 }, 'feedback.newValues.population: expected an integer, got number 12.5.'],
      [{ elevation: 'high' }, 'feedback.newValues.elevation: expected a number, got string "high".'],
      [{ capital: 'yes' }, 'feedback.newValues.capital: expected true or false, got string "yes".'],
      [
        { founded: '2024-13-01' },
        'feedback.newValues.founded: expected a date as YYYY-MM-DD, got string "2024-13-01".',
      ],
      [{ name: 42 }, 'feedback.newValues.name: expected text, got number 42.'],
    ];
    const before = FeedbackStore.of(portal.store).list().length;
    for (const [newValues, message] of cases) {
      const response = await put({ feedback: { comment: 'Fix', recordid, newValues } });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error_code: 'InvalidRESTParameterError',
        message: `Invalid value for ${message}`,
      });
    }
    expect(FeedbackStore.of(portal.store).list()).toHaveLength(before);
  });

  it('checks datetimes for an offset, and takes values without a record as they are', async () => {
    const fields = (await (
      await portal.app.request('http://portal.test/api/v2/catalog/datasets/fixture-events')
    ).json()) as {
      dataset: { fields: { name: string; type: string }[] };
    };
    const datetime = fields.dataset.fields.find((f) => f.type === 'datetime')!.name;
    const refused = await put(
      { feedback: { comment: 'x', newValues: { [datetime]: '2026-05-01 10:00' } } },
      'fixture-events',
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain(
      `feedback.newValues.${datetime}: expected an ISO 8601`,
    );
    const taken = await put(
      { feedback: { comment: 'x', newValues: { [datetime]: '2026-05-01T10:00:00+02:00' } } },
      'fixture-events',
    );
    expect(taken.status).toBe(201);
    expect(FeedbackStore.of(portal.store).list().at(-1)!.oldValues).toBeNull();
  });
});

describe('feedback corrections: the owner reads them', () => {
  it('--since keeps the entries sent at or after a day or an instant', () => {
    const store = FeedbackStore.of(portal.store);
    const entry = (comment: string) => ({
      datasetId: 'fixture-cities',
      comment,
      recordId: null,
      newValues: null,
      oldValues: null,
      schema: null,
      userAgent: null,
      client: null,
    });
    store.add(entry('from March 2099'), new Date('2099-03-01T12:00:00Z'));
    store.add(entry('from June 2099'), new Date('2099-06-01T08:00:00Z'));
    const comments = (args: string[]) =>
      (JSON.parse(cli([...args, '--json'])) as { comment: string }[]).map((e) => e.comment);
    expect(comments(['--since', '2099-01-01'])).toEqual(['from March 2099', 'from June 2099']);
    expect(comments(['fixture-cities', '--since', '2099-06-01'])).toEqual(['from June 2099']);
    expect(comments(['--since', '2099-06-01T09:00:00+02:00'])).toEqual(['from June 2099']);
    expect(comments(['--since', '2099-06-01T08:00:00.001Z'])).toEqual([]);
    expect(cli(['fixture-events', '--since', '2099-01-01'])).toBe('No feedback yet.\n');
    for (const bad of ['yesterday', '2099-02-30x', '2099-06-01T08:00']) {
      expect(() => parseSince(bad)).toThrow('--since takes a date');
    }
  });

  it('shows old → new in its table, and marks values sent before old ones were kept', () => {
    const table = cli(['fixture-cities']);
    expect(table).toContain('population: 2138551 → 2102650');
    const legacy = changesText({
      id: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      datasetId: 'fixture-cities',
      comment: 'old',
      recordId: 'r',
      newValues: { population: 1 },
      oldValues: null,
      schema: null,
      userAgent: null,
      client: null,
    });
    expect(legacy).toBe('population: (not recorded) → 1');
  });

  it('reads and upgrades a file written before old values were kept', () => {
    const file = join(portal.dir, 'legacy-feedback.sqlite');
    const legacy = new Database(file);
    legacy.exec(`CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, dataset_id TEXT NOT NULL,
      created_at TEXT NOT NULL, comment TEXT NOT NULL, record_id TEXT, new_values TEXT, schema TEXT,
      user_agent TEXT, client TEXT)`);
    legacy
      .prepare('INSERT INTO feedback (dataset_id, created_at, comment, new_values) VALUES (?, ?, ?, ?)')
      .run('fixture-cities', '2026-01-01T00:00:00.000Z', 'before', '{"population":1}');
    legacy.close();
    const readonly = new Database(file, { readonly: true });
    expect(readFeedback(readonly)[0]).toMatchObject({ comment: 'before', oldValues: null });
    readonly.close();
    const store = new FeedbackStore(file);
    store.add({
      datasetId: 'fixture-cities',
      comment: 'after',
      recordId: 'r',
      newValues: { population: 2 },
      oldValues: { population: 1 },
      schema: null,
      userAgent: null,
      client: null,
    });
    expect(store.list().map((e) => [e.comment, e.oldValues])).toEqual([
      ['before', null],
      ['after', { population: 1 }],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isErrorBody, isQuotaErrorBody } from './errors';

const recorded = (name: string) => JSON.parse(readFileSync(`tests/fixtures/ods-recorded/${name}`, 'utf8'));

describe('error bodies', () => {
  it('recognizes the ODS error bodies recorded from real portals', () => {
    expect(isErrorBody(recorded('doc-error-odsql-400.json'))).toBe(true);
    expect(isErrorBody(recorded('v21-error-limit-over-100.json'))).toBe(true);
    expect(isQuotaErrorBody(recorded('doc-error-quota-429.json'))).toBe(true);
  });

  it('rejects what is not an error body', () => {
    expect(isErrorBody(recorded('doc-error-quota-429.json'))).toBe(false);
    expect(isErrorBody({ error_code: 1, message: 'x' })).toBe(false);
    expect(isErrorBody(null)).toBe(false);
    expect(isQuotaErrorBody(recorded('doc-error-odsql-400.json'))).toBe(false);
  });
});

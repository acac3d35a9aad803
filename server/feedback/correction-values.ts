import type { DatasetField } from '../../common/ods-api/types';
import { invalidParameter } from '../errors';
import { readParams } from '../query/params';
import { planQuery } from '../query/plan';
import { readRecords } from '../query/read';
import { decodeContext, querySpec } from '../routes/dataset-context';
import type { ApiVersion } from '../serializers/api-version';
import type { DatasetLayout } from '../store/layout';
import type { Store } from '../store/store';

/**
 * A proposed correction's values, checked against the dataset's schema, and the record's values at
 * the time it was sent (the "old" side the owner reads beside the new one). ODS documents no rule
 * (ods-api.md §7); these are the ones a publisher needs to apply a correction as it stands: a value
 * the field's type can hold, or null to clear it. Each refusal names `feedback.newValues.<field>`,
 * so a form can show it beside the input at fault.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}

/** Why `value` cannot be this field's value, or null when it can. */
function problemOf(field: DatasetField, value: unknown): string | null {
  if (value === null) return null;
  const multivalued = Boolean(field.annotations.multivalued);
  switch (field.type) {
    case 'int':
      return Number.isInteger(value) ? null : `expected an integer, got ${shapeOf(value)}.`;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `expected a number, got ${shapeOf(value)}.`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${shapeOf(value)}.`;
    case 'date':
      return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : `expected a date as YYYY-MM-DD, got ${shapeOf(value)}.`;
    case 'datetime':
      return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : `expected an ISO 8601 date and time with its offset, got ${shapeOf(value)}.`;
    case 'text':
      if (typeof value === 'string') return null;
      if (multivalued && Array.isArray(value) && value.every((item) => typeof item === 'string')) return null;
      return `expected ${multivalued ? 'text or a list of texts' : 'text'}, got ${shapeOf(value)}.`;
    default:
      // Geo shapes, files and JSON blobs have no single form a visitor would type; kept as sent.
      return null;
  }
}

/** Throws the 400 for the first value the dataset's schema cannot hold. */
export function checkNewValues(
  datasetId: string,
  fields: readonly DatasetField[],
  newValues: Record<string, unknown>,
): void {
  const byName = new Map(fields.map((field) => [field.name, field]));
  for (const [name, value] of Object.entries(newValues)) {
    const field = byName.get(name);
    if (!field) {
      throw invalidParameter(
        `Invalid value for feedback.newValues: ${JSON.stringify(name)} is not a field of dataset ${datasetId}.`,
      );
    }
    const problem = problemOf(field, value);
    if (problem) throw invalidParameter(`Invalid value for feedback.newValues.${name}: ${problem}`);
  }
}

/** The record's values as the API serves them (UTC), or null when the dataset has no such record. */
export function currentValues(
  store: Store,
  layout: DatasetLayout,
  url: URL,
  version: ApiVersion,
  datasetId: string,
  recordId: string,
): Record<string, unknown> | null {
  // The PUT's own query string is not a records query: the defaults, whatever it carries.
  const defaults = readParams(new URL(url.pathname, url.origin));
  const spec = {
    ...querySpec(defaults, version),
    where: [],
    refine: [],
    exclude: [],
    groupBy: null,
    orderBy: null,
    recordId,
  };
  const plan = planQuery(layout, store.db, spec);
  const [record] = readRecords(store.db, plan, 1, 0, decodeContext(version, url, datasetId, 'UTC'));
  return record ? record.fields : null;
}

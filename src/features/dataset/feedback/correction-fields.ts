import type { DatasetField, FieldType } from '../../../../common/ods-api/types';
import { t } from '../../../i18n/translate';

/**
 * How each field of a record is corrected: the input that fits its type, the text that input
 * starts from, and the value sent back. Inputs work on text, so a field is "changed" exactly when
 * its text differs from the text it started from; a value the visitor did not touch is never sent.
 */

export type InputKind =
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'text'
  | 'long-text'
  | 'list';

export interface EditableField {
  field: DatasetField;
  kind: InputKind;
  /** The record's value as the input shows it. */
  initial: string;
}

export interface ReadOnlyField {
  field: DatasetField;
  /** Why it cannot be edited here, shown beside it. */
  reason: string;
}

/** Past this length (or with a line break) a text gets a text area. */
const LONG_TEXT = 80;

/** Why a field of this type is not edited in the form, shown beside it. */
function readOnlyReason(type: FieldType): string {
  switch (type) {
    case 'geo_point_2d':
      return t('record.feedback.readOnlyPosition');
    case 'geo_shape':
      return t('record.feedback.readOnlyShape');
    case 'file':
      return t('record.feedback.readOnlyFile');
    case 'json_blob':
      return t('record.feedback.readOnlyJson');
    default:
      return t('record.feedback.readOnlyOther');
  }
}

/** A datetime as `datetime-local` shows it, in UTC (the label says so): `2026-05-01T08:00:00`. */
function utcInputText(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 19);
}

function textOf(value: unknown, kind: InputKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'list') return Array.isArray(value) ? value.map(String).join('\n') : String(value);
  if (kind === 'datetime') return typeof value === 'string' ? utcInputText(value) : '';
  if (kind === 'date') return typeof value === 'string' ? value.slice(0, 10) : '';
  return String(value);
}

function kindOf(field: DatasetField, value: unknown): InputKind | null {
  switch (field.type) {
    case 'int':
      return 'integer';
    case 'double':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'text': {
      if (field.annotations.multivalued || Array.isArray(value)) return 'list';
      const text = typeof value === 'string' ? value : '';
      return text.length > LONG_TEXT || text.includes('\n') ? 'long-text' : 'text';
    }
    default:
      return null;
  }
}

export function correctionFields(
  fields: readonly DatasetField[],
  values: Record<string, unknown>,
): { editable: EditableField[]; readOnly: ReadOnlyField[] } {
  const editable: EditableField[] = [];
  const readOnly: ReadOnlyField[] = [];
  for (const field of fields) {
    const value = values[field.name];
    const kind = kindOf(field, value);
    if (kind) editable.push({ field, kind, initial: textOf(value, kind) });
    else readOnly.push({ field, reason: readOnlyReason(field.type) });
  }
  return { editable, readOnly };
}

/**
 * The value to send for an input's text; an emptied input clears the value (null). Numbers that do
 * not parse go as typed, so the portal, which owns the rules, says what is wrong at that field.
 */
export function inputValue(text: string, kind: InputKind): unknown {
  const trimmed = text.trim();
  if (kind === 'list') {
    const items = text
      .split('\n')
      .map((item) => item.trim())
      .filter(Boolean);
    return items.length ? items : null;
  }
  if (trimmed === '') return null;
  switch (kind) {
    case 'integer':
    case 'decimal': {
      const number = Number(trimmed);
      return Number.isFinite(number) ? number : trimmed;
    }
    case 'boolean':
      return trimmed === 'true';
    case 'datetime':
      // datetime-local gives minutes, or seconds with step=1; the input is in UTC.
      return `${trimmed.length === 16 ? `${trimmed}:00` : trimmed}Z`;
    default:
      return text;
  }
}

export interface Change {
  field: DatasetField;
  kind: InputKind;
  before: string;
  after: string;
  value: unknown;
}

/** The fields whose text differs from the record's, in the dataset's order. */
export function changesOf(editable: readonly EditableField[], inputs: Record<string, string>): Change[] {
  const changes: Change[] = [];
  for (const { field, kind, initial } of editable) {
    const text = inputs[field.name];
    if (text === undefined || text === initial) continue;
    changes.push({ field, kind, before: initial, after: text, value: inputValue(text, kind) });
  }
  return changes;
}

/** `newValues` and `schema` as the endpoint takes them, for the changed fields only. */
export function correctionPayload(changes: readonly Change[]): {
  newValues: Record<string, unknown>;
  schema: Record<string, { type: string; label: string }>;
} {
  const newValues: Record<string, unknown> = {};
  const schema: Record<string, { type: string; label: string }> = {};
  for (const change of changes) {
    newValues[change.field.name] = change.value;
    schema[change.field.name] = { type: change.field.type, label: change.field.label || change.field.name };
  }
  return { newValues, schema };
}

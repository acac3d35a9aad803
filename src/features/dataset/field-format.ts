import { isNumericType } from '../../../common/ods-api/field-types';
import type { DatasetField } from '../../../common/ods-api/types';
import { currentLocale } from '../../i18n/locale';
import { t } from '../../i18n/translate';

/**
 * How a record's value reads, by field type (ods-api.md §5): numbers in the explorer's language,
 * dates and datetimes in the dataset's time zone, points as "lat, lon", shapes as their type and
 * size, files as their name (the grid and the detail draw images from `url`). Shared by the grid's
 * cells and the record panel, so a value reads the same everywhere.
 */

export type FormattedValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string; numeric?: boolean; url?: string; title?: string }
  | { kind: 'boolean'; value: boolean; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'image'; url: string; alt: string; text: string; width?: number; height?: number }
  | { kind: 'file'; url: string | null; text: string };

export interface FormatContext {
  /** The dataset's `metas.default.timezone` (IANA); UTC when absent or unknown. */
  timeZone: string;
  /** The language in force when absent. */
  locale?: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** How each kind of number is written: coordinates without grouping, as a place is copied. */
const NUMBER_OPTIONS: Record<'int' | 'double' | 'coordinate', Intl.NumberFormatOptions> = {
  int: { maximumFractionDigits: 0 },
  double: { maximumFractionDigits: 6 },
  coordinate: { maximumFractionDigits: 6, useGrouping: false },
};

// Keyed by the dataset's own locale tag (any BCP 47 tag, not only the explorer's languages).
function numberFormat(
  locale = currentLocale() as string,
  type: keyof typeof NUMBER_OPTIONS,
): Intl.NumberFormat {
  const key = `${locale ?? ''}|${type}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, NUMBER_OPTIONS[type]);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(
  locale = currentLocale() as string,
  timeZone: string,
  withTime: boolean,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone}|${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = withTime
      ? {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          timeZone,
        }
      : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An unknown time zone name: UTC rather than no dates at all.
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** `2019-03-26` is a calendar date: shown as that day whatever the zone. */
function formatDate(value: string, context: FormatContext): string {
  const match = /^(-?\d{1,6})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(time)) return value;
  const when = new Date(time);
  // Date.UTC maps years 0–99 to 1900–1999.
  when.setUTCFullYear(Number(match[1]));
  return dateFormat(context.locale, 'UTC', false).format(when);
}

function formatDateTime(value: string, context: FormatContext): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return dateFormat(context.locale, context.timeZone, true).format(time);
}

const URL_TEXT = /^https?:\/\/[^\s<>"]+$/i;

/** A value that is a web address, as a link target (only http and https). */
export function urlOf(text: string): string | null {
  const trimmed = text.trim();
  if (!URL_TEXT.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

function countPoints(coordinates: unknown): number {
  if (!Array.isArray(coordinates)) return 0;
  if (coordinates.length > 0 && typeof coordinates[0] === 'number') return 1;
  return coordinates.reduce((sum: number, part) => sum + countPoints(part), 0);
}

function geometryOf(value: unknown): GeoJsonGeometry | null {
  if (!value || typeof value !== 'object') return null;
  const object = value as { type?: unknown; geometry?: unknown };
  if (object.type === 'Feature') return geometryOf(object.geometry);
  return typeof object.type === 'string' ? (object as GeoJsonGeometry) : null;
}

/** `Polygon · 42 points`. */
export function describeShape(value: unknown): string {
  const geometry = geometryOf(value);
  if (!geometry) return t('dataset.value.shape');
  const points =
    geometry.type === 'GeometryCollection'
      ? (geometry.geometries ?? []).reduce((sum, g) => sum + countPoints(g.coordinates), 0)
      : countPoints(geometry.coordinates);
  return t('dataset.value.shapePoints', { type: geometry.type, count: points });
}

function formatPoint(value: unknown, context: FormatContext): string | null {
  if (!value || typeof value !== 'object') return null;
  const { lat, lon } = value as { lat?: unknown; lon?: unknown };
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  const format = numberFormat(context.locale, 'coordinate');
  return `${format.format(lat)}, ${format.format(lon)}`;
}

interface FileValue {
  id?: string;
  filename?: string;
  mimetype?: string;
  url?: string;
  width?: number;
  height?: number;
}

function scalarText(value: unknown, field: DatasetField, context: FormatContext): string {
  if (typeof value === 'number') {
    return isNumericType(field.type) ? numberFormat(context.locale, field.type).format(value) : String(value);
  }
  if (typeof value === 'string') {
    if (field.type === 'date') return formatDate(value, context);
    if (field.type === 'datetime') return formatDateTime(value, context);
    return value;
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  return JSON.stringify(value);
}

export function formatValue(value: unknown, field: DatasetField, context: FormatContext): FormattedValue {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (Array.isArray(value) && field.type !== 'json_blob') {
    const items = value
      .filter((item) => item !== null && item !== '')
      .map((item) => scalarText(item, field, context));
    return items.length ? { kind: 'list', items } : { kind: 'empty' };
  }
  switch (field.type) {
    case 'int':
    case 'double':
      return typeof value === 'number'
        ? { kind: 'text', text: scalarText(value, field, context), numeric: true, title: String(value) }
        : { kind: 'text', text: String(value) };
    case 'boolean':
      return typeof value === 'boolean'
        ? { kind: 'boolean', value, text: value ? t('common.yes') : t('common.no') }
        : { kind: 'text', text: String(value) };
    case 'date':
    case 'datetime':
      return { kind: 'text', text: scalarText(value, field, context), title: String(value) };
    case 'geo_point_2d': {
      const text = formatPoint(value, context);
      return { kind: 'text', text: text ?? JSON.stringify(value) };
    }
    case 'geo_shape':
      return { kind: 'text', text: describeShape(value) };
    case 'file': {
      const file = value as FileValue;
      const url = typeof file.url === 'string' && urlOf(file.url) ? file.url : null;
      const text = file.filename ?? file.id ?? t('dataset.value.file');
      if (url && file.mimetype?.startsWith('image/')) {
        const image: FormattedValue = { kind: 'image', url, alt: text, text };
        // Known dimensions reserve the image's box before it loads.
        if (
          typeof file.width === 'number' &&
          typeof file.height === 'number' &&
          file.width > 0 &&
          file.height > 0
        ) {
          image.width = file.width;
          image.height = file.height;
        }
        return image;
      }
      return { kind: 'file', url, text };
    }
    case 'json_blob':
      return { kind: 'text', text: JSON.stringify(value) };
    default: {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const url = urlOf(text);
      return url ? { kind: 'text', text, url } : { kind: 'text', text };
    }
  }
}

/** The value as one line of plain text (for titles, copying, accessible names). */
export function plainText(formatted: FormattedValue): string {
  switch (formatted.kind) {
    case 'empty':
      return '';
    case 'list':
      return formatted.items.join(', ');
    default:
      return formatted.text;
  }
}

import { API_BASE, EXPLORE_V20_BASE, EXPLORE_V21_BASE } from '../../common/ods-api/params';
import type { Serializer } from './serializer';
import { v20Serializer } from './v20';
import { v21Serializer } from './v21';

/**
 * What differs between Explore v2.0 and v2.1 besides the envelope (ods-api.md §1, the v2.1
 * changelog): each route reads these instead of asking which version it serves.
 */
export interface ApiVersion {
  readonly name: '2.0' | '2.1';
  /** The path the version is served under: `/api/v2`, `/api/explore/v2.0`, `/api/explore/v2.1`. */
  readonly base: string;
  readonly serializer: Serializer;
  /** v2.0 writes date parts (`year(date)`) as strings; v2.1 as integers. */
  readonly datePartsAsText: boolean;
  /** v2.1 writes geo points `{lon, lat}`, v2.0 `{lat, lon}` (ods-api.md §5). */
  readonly pointLonFirst: boolean;
  /** v2.1 groups records whose group_by key is null; v2.0 leaves them out. */
  readonly nullGroups: boolean;
  /** A group key select does not name: first among a group's keys in v2.1, last in v2.0. */
  readonly groupKeysFirst: boolean;
  /** CSV `with_bom` and GPX `use_extension` default to false in v2.0 and to true in v2.1. */
  readonly exportDefaults: { readonly withBom: boolean; readonly useExtension: boolean };
  /** The spreadsheet export's name: v2.0's `xls` became `xlsx` in v2.1. */
  readonly spreadsheet: 'xls' | 'xlsx';
  /** `/aggregates` exists in v2.0 only. */
  readonly aggregates: boolean;
}

function v20(base: string): ApiVersion {
  return {
    name: '2.0',
    base,
    serializer: v20Serializer(base),
    datePartsAsText: true,
    pointLonFirst: false,
    nullGroups: false,
    groupKeysFirst: false,
    exportDefaults: { withBom: false, useExtension: false },
    spreadsheet: 'xls',
    aggregates: true,
  };
}

export const V20 = v20(API_BASE);
export const V20_EXPLORE = v20(EXPLORE_V20_BASE);
export const V21: ApiVersion = {
  name: '2.1',
  base: EXPLORE_V21_BASE,
  serializer: v21Serializer(EXPLORE_V21_BASE),
  datePartsAsText: false,
  pointLonFirst: true,
  nullGroups: true,
  groupKeysFirst: true,
  exportDefaults: { withBom: true, useExtension: true },
  spreadsheet: 'xlsx',
  aggregates: false,
};

/** The versions a portal serves, by the name `--api` takes. */
export function apiVersions(names: readonly ('2.0' | '2.1')[]): ApiVersion[] {
  return names.flatMap((name) => (name === '2.0' ? [V20, V20_EXPLORE] : [V21]));
}

/** Parameter names and limits of the Explore API v2.0 (ods-api.md §2.5). */

export const API_BASE = '/api/v2';
export const SOURCES = ['catalog'] as const;

export const DEFAULT_LIMIT = 10;
/** `limit` range without group_by: -1 (all, capped) … 100. */
export const MAX_LIMIT = 100;
/** offset + limit must not exceed this without group_by. */
export const MAX_WINDOW = 10_000;
/** With group_by, limit goes up to this, and offset + limit stays under it. */
export const MAX_GROUP_LIMIT = 20_000;

/** Base paths, parameter names and limits of the Explore API v2.0 and v2.1 (ods-api.md §1, §2.5). */

export const API_BASE = '/api/v2';
/** v2.0 again, under the prefix v2.1 uses (ods-api.md §1: the two v2.0 prefixes are aliases). */
export const EXPLORE_V20_BASE = '/api/explore/v2.0';
export const EXPLORE_V21_BASE = '/api/explore/v2.1';
export const SOURCES = ['catalog'] as const;

export const DEFAULT_LIMIT = 10;
/** `limit` range without group_by: -1 (all, capped) … 100. */
export const MAX_LIMIT = 100;
/** offset + limit must not exceed this without group_by. */
export const MAX_WINDOW = 10_000;
/** With group_by, limit goes up to this, and offset + limit stays under it. */
export const MAX_GROUP_LIMIT = 20_000;
/** The embedded portal's cap on a feedback comment (ODS documents none), which the form counts down to. */
export const MAX_FEEDBACK_COMMENT = 10_000;

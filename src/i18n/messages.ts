import * as analyze from './messages/analyze';
import * as catalog from './messages/catalog';
import * as common from './messages/common';
import * as dataset from './messages/dataset';
import * as exports from './messages/export';
import * as info from './messages/info';
import * as map from './messages/map';
import * as record from './messages/record';
import * as table from './messages/table';

/**
 * The catalogues, one file per part of the explorer so that each part's messages sit together;
 * keys start with their part's name (`catalog.…`), so no two parts can collide (messages.test.ts
 * checks it, with every key present in both languages and the same placeholders in each).
 */
export const AREAS = { common, catalog, dataset, table, info, record, map, analyze, export: exports };

export const en = {
  ...common.en,
  ...catalog.en,
  ...dataset.en,
  ...table.en,
  ...info.en,
  ...record.en,
  ...map.en,
  ...analyze.en,
  ...exports.en,
};

export const fr = {
  ...common.fr,
  ...catalog.fr,
  ...dataset.fr,
  ...table.fr,
  ...info.fr,
  ...record.fr,
  ...map.fr,
  ...analyze.fr,
  ...exports.fr,
};

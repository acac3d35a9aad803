import type { Dataset } from '../../../../common/ods-api/types';
import { t } from '../../../i18n/translate';

/**
 * How to cite a view of a dataset: who published it, its title, the portal, the licence, when it
 * was last modified, the view's own URL (which reproduces the filter) and the day it was read, in
 * the order data citation guides (DataCite, APA) give them.
 */
export interface CitationParts {
  title: string;
  publisher: string | null;
  portal: string;
  licence: string | null;
  modified: string | null;
  url: string;
  accessed: string;
}

function isoDay(value: string | Date): string | null {
  const time = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

export function citationParts(dataset: Dataset, portal: string, url: string, today: Date): CitationParts {
  const metas = dataset.metas.default;
  return {
    title: metas.title || dataset.dataset_id,
    publisher: metas.publisher || null,
    portal,
    licence: metas.license || null,
    modified: metas.modified ? isoDay(metas.modified) : null,
    url,
    accessed: isoDay(today)!,
  };
}

/** One line of text: `Publisher (2024-05-01). Title [Data set]. Portal. Licence: … URL (accessed …).` */
export function citationText(parts: CitationParts): string {
  const who = parts.publisher ?? parts.portal;
  const when = parts.modified ? ` (${parts.modified})` : '';
  const licence = parts.licence ? t('export.cite.licenceSentence', { licence: parts.licence }) : '';
  const where = parts.publisher ? ` ${parts.portal}.` : '';
  return t('export.cite.text', {
    who,
    when,
    title: parts.title,
    where,
    licence,
    url: parts.url,
    accessed: parts.accessed,
  });
}

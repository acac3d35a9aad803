import { useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { NotFoundError } from '../../../api/errors';
import { EXPORT_FORMATS, type ExportFormat, exportUrl } from '../../../api/exports';
import type { ViewFilter } from '../../../api/params';
import { Button } from '../../../components/button';
import { formatBytes } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { startDownload } from '../../../lib/downloads';
import { datasetQueries } from '../dataset-queries';
import { type DatasetSearch, hasFilters, parseSort } from '../dataset-search-params';
import { useViewOrder, visibleColumns } from '../view-order';
import { CitationBlock, ExportAttachments } from './export-extras';
import { formatInfo, knownFormat, shownFormats, unavailableReason } from './export-formats';
import { ExportOptionsForm } from './export-options';
import { estimateSize, exportQueries, SAMPLE_ROWS } from './export-queries';
import {
  DEFAULT_OPTIONS,
  type ExportOptions,
  type ExportScope,
  exportBaseName,
  exportParams,
} from './export-request';
import styles from './export-view.module.css';

export interface ExportViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  filter: ViewFilter;
}

const WHOLE_DATASET: ViewFilter = { where: null };

/**
 * The Export view: the formats the dataset offers (and why others are not), the choice between the
 * current view (its filter, its order, its visible columns) and the whole dataset, the format's
 * options, the record count and an estimated size, then a download that streams into the
 * downloads tray. A citation and the attachments follow.
 */
export function ExportView({ target, dataset, search, filter }: ExportViewProps) {
  const id = useId();
  const fields = dataset.fields;
  const datasetId = dataset.dataset_id;
  const [scope, setScope] = useState<ExportScope>('view');
  const [formatName, setFormatName] = useState<ExportFormat>('csv');
  const [options, setOptions] = useState<ExportOptions>(DEFAULT_OPTIONS);

  const formats = useQuery(datasetQueries.exportFormats(target, datasetId));
  const offered = useMemo(() => {
    // A portal without `…/exports` gets the API's documented list; the format's own 400 says the rest.
    if (formats.error instanceof NotFoundError) return new Set<ExportFormat>(EXPORT_FORMATS);
    if (!formats.data) return null;
    return new Set(formats.data.map(knownFormat).filter((f): f is ExportFormat => f !== null));
  }, [formats.data, formats.error]);

  const order = useViewOrder(target, datasetId, fields, filter, search.sort);
  const columns = useMemo(
    () => visibleColumns(target.portal, datasetId, fields),
    [target.portal, datasetId, fields],
  );
  const countQuery = useQuery(
    datasetQueries.recordsCount(target, datasetId, scope === 'view' ? filter : WHOLE_DATASET),
  );
  const matching = countQuery.isPlaceholderData ? undefined : countQuery.data;
  const count = matching === undefined ? undefined : Math.min(matching, options.limit ?? matching);

  const format = formatInfo(formatName);
  const reason = unavailableReason(format, fields, offered, count);
  const params = exportParams(format, fields, { filter, orderBy: order.orderBy, columns }, scope, options);
  const ready = count !== undefined && (scope === 'dataset' || order.ready);
  const size = useQuery({
    ...exportQueries.sizeSample(target, datasetId, formatName, params, count ?? 0),
    enabled: ready && !reason,
  });
  const title = dataset.metas.default.title || datasetId;
  const filtered = scope === 'view' && hasFilters(search);
  const sort = parseSort(search.sort);
  const sortLabel = sort ? (fields.find((f) => f.name === sort.field)?.label ?? sort.field) : null;

  const start = () =>
    startDownload({
      target,
      url: exportUrl(target, datasetId, formatName, params),
      name: t(filtered ? 'export.download.nameFiltered' : 'export.download.name', {
        title,
        format: format.label,
      }),
      baseName: exportBaseName(datasetId, search, scope),
    });

  return (
    <div className={styles.view}>
      <section className={styles.panel} aria-labelledby={`${id}-formats`}>
        <h2 id={`${id}-formats`} className={styles.heading}>
          {t('export.format.heading')}
        </h2>
        <div role="radiogroup" aria-labelledby={`${id}-formats`} className={styles.formats}>
          {shownFormats().map((info) => {
            const why = unavailableReason(info, fields, offered, count);
            return (
              <label key={info.name} className={`${styles.format} ${why ? styles.unavailable : ''}`}>
                <input
                  type="radio"
                  name={`${id}-format`}
                  value={info.name}
                  checked={formatName === info.name}
                  disabled={Boolean(why) && formatName !== info.name}
                  onChange={() => setFormatName(info.name)}
                />
                <span className={styles.formatText}>
                  <span className={styles.formatName}>{info.label}</span>
                  <span className={styles.hint}>{why ?? info.suits}</span>
                </span>
              </label>
            );
          })}
        </div>
      </section>

      <div className={styles.side}>
        <section className={styles.panel} aria-labelledby={`${id}-what`}>
          <h2 id={`${id}-what`} className={styles.heading}>
            {t('export.scope.heading')}
          </h2>
          <div role="radiogroup" aria-labelledby={`${id}-what`} className={styles.scopes}>
            <label className={styles.check}>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'view'}
                onChange={() => setScope('view')}
              />
              <span>
                {t('export.scope.view')}{' '}
                <span className={styles.hint}>
                  {[
                    hasFilters(search) ? t('export.scope.itsFilters') : t('export.scope.noFilter'),
                    sortLabel
                      ? t(sort?.descending ? 'export.scope.sortedByDescending' : 'export.scope.sortedBy', {
                          field: sortLabel,
                        })
                      : null,
                    columns
                      ? t('export.scope.columns', { count: columns.length, total: fields.length })
                      : t('export.scope.everyColumn'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </label>
            <label className={styles.check}>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'dataset'}
                onChange={() => setScope('dataset')}
              />
              <span>
                {t('export.scope.dataset')}{' '}
                <span className={styles.hint}>{t('export.scope.datasetHint')}</span>
              </span>
            </label>
          </div>
        </section>

        <section className={styles.panel} aria-label={t('export.options.label')}>
          <ExportOptionsForm
            format={format}
            fields={fields}
            options={options}
            datasetTimeZone={dataset.metas.default.timezone || 'UTC'}
            onChange={setOptions}
          />
        </section>

        <section className={styles.panel} aria-labelledby={`${id}-summary`}>
          <h2 id={`${id}-summary`} className={styles.heading}>
            {t('common.download')}
          </h2>
          <output className={styles.summary} aria-label={t('export.summary.label')}>
            {count === undefined ? t('common.counting') : t('common.records', { count })}
            {' · '}
            {reason
              ? t('export.summary.noEstimate')
              : size.data && count !== undefined
                ? t('export.summary.about', { size: formatBytes(estimateSize(size.data, count)) })
                : size.error
                  ? t('export.summary.sizeUnknown')
                  : t('export.summary.estimating')}
          </output>
          {reason && (
            <p className={styles.reason} role="note">
              {t('export.summary.unavailable', { format: format.label, reason })}
            </p>
          )}
          <p className={styles.hint}>
            {t('export.summary.sample', { count: Math.min(SAMPLE_ROWS, count ?? SAMPLE_ROWS) })}
            {countQuery.error ? ` ${t('export.summary.countFailed')}` : ''}
          </p>
          <Button variant="primary" disabled={!ready || Boolean(reason)} onClick={start}>
            <Download aria-hidden size={15} />
            {t('export.download.button', { format: format.label })}
          </Button>
        </section>
      </div>

      <CitationBlock dataset={dataset} />
      <ExportAttachments target={target} datasetId={datasetId} />
    </div>
  );
}

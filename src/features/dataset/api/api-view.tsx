import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { CopyButton } from '../../../components/copy-button';
import { t } from '../../../i18n/translate';
import { chartSpanQuery, spanFieldOf } from '../charts/chart-request';
import { readChart } from '../charts/chart-state';
import type { DatasetSearch } from '../dataset-search-params';
import { useViewOrder, visibleColumns } from '../view-order';
import styles from './api-view.module.css';
import { API_KEY_VARIABLE, SNIPPET_LANGUAGES, type SnippetLanguage, snippet } from './snippets';
import { absoluteUrl, type ViewRequest, viewRequests } from './view-requests';

/** Every request the view lists is read with this HTTP method. */
const METHOD = 'GET';

export interface ApiViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  filter: ViewFilter;
}

/**
 * The API view: the exact requests the explorer sends for this view (records, facets, the Analyze
 * view's chart, the export),
 * each as a link that opens its JSON and as a snippet in curl, Python, JavaScript and R. An API key
 * the user gave is never shown: the snippets read it from the environment (snippets.ts).
 */
export function ApiView({ target, dataset, search, filter }: ApiViewProps) {
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const fields = dataset.fields;
  const datasetId = dataset.dataset_id;
  const order = useViewOrder(target, datasetId, fields, filter, search.sort);
  const columns = useMemo(
    () => visibleColumns(target.portal, datasetId, fields),
    [target.portal, datasetId, fields],
  );
  const timezone = dataset.metas.default.timezone || 'UTC';
  // A chart that asks for its axis' span first: the span is read here too (the same query as the
  // Analyze view's fetch, so one answer serves both), so that the grouped request it settles is listed.
  const spanField = useMemo(() => spanFieldOf(fields, readChart(search, fields)), [fields, search]);
  const span = useQuery({
    ...chartSpanQuery(target, datasetId, spanField ?? '', { filter, timezone }),
    enabled: spanField !== null,
  });
  const requests = viewRequests({
    target,
    datasetId,
    fields,
    timezone,
    search,
    filter,
    orderBy: order.orderBy,
    columns,
    chartSpan: spanField === null ? undefined : span.data,
  });
  const withKey = Boolean(target.apiKey);

  return (
    <div className={styles.view}>
      <div className={styles.intro}>
        <p>
          {order.ready ? t('export.api.intro') : t('export.api.introOrderPending')}{' '}
          {withKey ? t('export.api.withKey', { variable: API_KEY_VARIABLE }) : t('export.api.noKey')}
        </p>
        <fieldset className={styles.languages}>
          <legend className="sr-only">{t('export.api.languages')}</legend>
          {SNIPPET_LANGUAGES.map((item) => (
            <button
              key={item.id}
              type="button"
              aria-pressed={language === item.id}
              className={styles.language}
              onClick={() => setLanguage(item.id)}
            >
              {item.label}
            </button>
          ))}
        </fieldset>
      </div>
      {requests.map((request) => (
        <RequestCard key={request.id} request={request} language={language} withKey={withKey} />
      ))}
    </div>
  );
}

function RequestCard({
  request,
  language,
  withKey,
}: {
  request: ViewRequest;
  language: SnippetLanguage;
  withKey: boolean;
}) {
  const id = useId();
  const url = absoluteUrl(request.url, window.location.origin);
  const code = snippet(language, url, withKey, request.saveAs);
  const languageLabel = SNIPPET_LANGUAGES.find((item) => item.id === language)!.label;
  return (
    <section className={styles.card} aria-labelledby={`${id}-title`}>
      <div className={styles.cardHead}>
        <h2 id={`${id}-title`} className={styles.title}>
          {request.title}
        </h2>
        <a href={url} target="_blank" rel="noopener noreferrer" className={styles.open}>
          {request.saveAs ? t('common.download') : t('export.api.openJson')}{' '}
          <ExternalLink aria-hidden size={12} />
        </a>
      </div>
      <p className={styles.purpose}>{request.purpose}</p>
      <p className={styles.url}>
        <code>
          {METHOD} {url}
        </code>
      </p>
      <div className={styles.snippet}>
        {/* Focusable: a long line scrolls, and the keyboard must reach it. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus (WCAG 2.1.1) */}
        <pre tabIndex={0}>
          <code>{code}</code>
        </pre>
        <CopyButton
          text={code}
          label={t('export.api.copy', { request: request.title, language: languageLabel })}
        />
      </div>
    </section>
  );
}

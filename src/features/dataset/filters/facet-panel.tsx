import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DatasetField, FacetGroup } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { OdsqlError } from '../../../api/errors';
import type { ViewFilter } from '../../../api/params';
import { FacetGroupPanel, FacetGroups, NoFacets } from '../../../components/facet-group';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { t } from '../../../i18n/translate';
import { datasetQueries } from '../dataset-queries';
import { facetField, facetLabel, facetValueLabel, isDateFacet } from '../facet-labels';
import styles from './filters.module.css';

export interface FacetPanelProps {
  target: PortalTarget;
  datasetId: string;
  fields: readonly DatasetField[];
  /** The view's filter: every facet is counted under it. */
  filter: ViewFilter;
  /** Whether the view has an advanced clause (its error is explained under its box, not here). */
  hasWhere: boolean;
  onRefine: (facet: string, value: string, hierarchical: boolean) => void;
  onExclude: (facet: string, value: string) => void;
}

/**
 * The dataset's facets (those its publisher configured), counted under every other filter of the
 * view; a disjunctive facet keeps its other values countable (the portal ignores its own refines).
 */
export function FacetPanel({
  target,
  datasetId,
  fields,
  filter,
  hasWhere,
  onRefine,
  onExclude,
}: FacetPanelProps) {
  const facets = useQuery({
    ...datasetQueries.facets(target, datasetId, { filter }),
    placeholderData: keepPreviousData,
  });
  if (facets.data) {
    const groups = facets.data.filter((group: FacetGroup) => group.facets.length > 0);
    if (groups.length === 0) return <NoFacets>{t('dataset.facets.none')}</NoFacets>;
    return (
      <FacetGroups stale={facets.isPlaceholderData}>
        {groups.map((group) => {
          const field = facetField(fields, group.name);
          const hierarchical =
            isDateFacet(field) ||
            Boolean(field?.annotations.hierarchical) ||
            group.facets.some((value) => value.facets?.length);
          return (
            <FacetGroupPanel
              key={group.name}
              group={group}
              label={facetLabel(fields, group.name)}
              valueLabel={(value, depth) => facetValueLabel(field, value, depth)}
              noun="record"
              hierarchical={hierarchical}
              childNoun={(depth) => (isDateFacet(field) ? (depth === 0 ? 'months' : 'days') : 'values')}
              onRefine={onRefine}
              onExclude={onExclude}
            />
          );
        })}
      </FacetGroups>
    );
  }
  if (facets.error) {
    // A broken ODSQL clause is explained under its box; one explanation is enough.
    if (hasWhere && facets.error instanceof OdsqlError) {
      return <NoFacets>{t('dataset.facets.afterWhereFix')}</NoFacets>;
    }
    return <ApiErrorState compact error={facets.error} onRetry={() => facets.refetch()} />;
  }
  return (
    <div role="status" aria-label={t('common.facet.loading')}>
      {[0, 1, 2].map((group) => (
        <div key={group} className={styles.skeletonGroup}>
          <Skeleton width="40%" height="0.75rem" />
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} width={`${85 - row * 12}%`} style={{ marginTop: '0.55rem' }} />
          ))}
        </div>
      ))}
    </div>
  );
}

import type { FacetGroup } from '../../../common/ods-api/types';
import { FacetGroupPanel, FacetGroups, NoFacets } from '../../components/facet-group';
import { t } from '../../i18n/translate';
import { facetLabel, facetValueLabel } from './catalog-facet-labels';
import { CATALOG_FACETS } from './catalog-search-params';

export interface CatalogFacetsProps {
  groups: readonly FacetGroup[];
  /** While new counts load, the old ones stay, dimmed. */
  stale: boolean;
  onRefine: (facet: string, value: string, hierarchical: boolean) => void;
  onExclude: (facet: string, value: string) => void;
}

/** The catalog's facet panel: one group per facet, in CATALOG_FACETS order. */
export function CatalogFacets({ groups, stale, onRefine, onExclude }: CatalogFacetsProps) {
  const ordered = CATALOG_FACETS.map((name) => groups.find((group) => group.name === name)).filter(
    (group): group is FacetGroup => Boolean(group && group.facets.length > 0),
  );
  if (ordered.length === 0) return <NoFacets>{t('catalog.noFacets')}</NoFacets>;
  return (
    <FacetGroups stale={stale}>
      {ordered.map((group) => (
        <FacetGroupPanel
          key={group.name}
          group={group}
          label={facetLabel(group.name)}
          valueLabel={(value, depth) => facetValueLabel(group.name, value, depth)}
          noun="dataset"
          // `modified` is a path facet (year/month/day) even before a year is refined and shows its months.
          hierarchical={group.name === 'modified' || group.facets.some((value) => value.facets?.length)}
          childNoun={(depth) => (group.name === 'modified' ? (depth === 0 ? 'months' : 'days') : 'values')}
          onRefine={onRefine}
          onExclude={onExclude}
        />
      ))}
    </FacetGroups>
  );
}

import { Check, ChevronDown, ChevronRight, EyeOff } from 'lucide-react';
import { useId, useState } from 'react';
import type { FacetGroup, FacetValue } from '../../../common/ods-api/types';
import { formatCount } from '../../lib/format';
import { facetLabel, facetValueLabel } from './catalog-facet-labels';
import styles from './catalog-facets.module.css';
import { CATALOG_FACETS } from './catalog-search-params';

/** Values shown before "Show all"; a search box appears above this many. */
const SHOWN_VALUES = 8;
const FILTERABLE_FROM = 12;

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
  if (ordered.length === 0) return <p className={styles.none}>No facets for these results.</p>;
  return (
    <div className={stale ? styles.stale : undefined} aria-busy={stale}>
      {ordered.map((group) => (
        <FacetGroupPanel key={group.name} group={group} onRefine={onRefine} onExclude={onExclude} />
      ))}
    </div>
  );
}

function FacetGroupPanel({
  group,
  onRefine,
  onExclude,
}: {
  group: FacetGroup;
  onRefine: CatalogFacetsProps['onRefine'];
  onExclude: CatalogFacetsProps['onExclude'];
}) {
  const [open, setOpen] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState('');
  const listId = useId();
  const label = facetLabel(group.name);
  // `modified` is a path facet (year/month/day) even before a year is refined and shows its months.
  const hierarchical = group.name === 'modified' || group.facets.some((value) => value.facets?.length);
  const expandable = group.facets.some((value) => value.facets?.length);
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? group.facets.filter((value) => facetValueLabel(group.name, value.value).toLowerCase().includes(needle))
    : group.facets;
  // Refined and excluded values always stay in view.
  const visible =
    showAll || needle
      ? matching
      : matching.filter((value, index) => index < SHOWN_VALUES || value.state !== 'displayed');
  return (
    <section className={styles.group} aria-label={label}>
      <h3 className={styles.groupHeading}>
        <button
          type="button"
          className={styles.groupToggle}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronDown aria-hidden size={15} /> : <ChevronRight aria-hidden size={15} />}
          {label}
        </button>
      </h3>
      <div id={listId} hidden={!open}>
        {group.facets.length >= FILTERABLE_FROM && (
          <input
            type="search"
            className={styles.filter}
            placeholder={`Find a ${label.toLowerCase()}…`}
            aria-label={`Find a ${label.toLowerCase()}`}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
        <ul className={styles.values}>
          {visible.map((value) => (
            <FacetValueRow
              key={value.value}
              facet={group.name}
              value={value}
              hierarchical={hierarchical}
              expandable={expandable}
              onRefine={onRefine}
              onExclude={onExclude}
            />
          ))}
        </ul>
        {needle && matching.length === 0 && <p className={styles.none}>No {label.toLowerCase()} matches.</p>}
        {!needle && matching.length > SHOWN_VALUES && (
          <button type="button" className={styles.more} onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show fewer' : `Show all ${formatCount(matching.length)}`}
          </button>
        )}
      </div>
    </section>
  );
}

function FacetValueRow({
  facet,
  value,
  hierarchical,
  expandable,
  depth = 0,
  onRefine,
  onExclude,
}: {
  facet: string;
  value: FacetValue;
  hierarchical: boolean;
  /** Whether this value or a sibling has children (then every row keeps room for the toggle). */
  expandable: boolean;
  depth?: number;
  onRefine: CatalogFacetsProps['onRefine'];
  onExclude: CatalogFacetsProps['onExclude'];
}) {
  const children = value.facets ?? [];
  const [expandedChoice, setExpanded] = useState<boolean | null>(null);
  const refinedBelow = children.some((child) => child.state !== 'displayed');
  const childrenId = useId();
  // Inside the tree, a month is named alone ("December"); its year is the row above.
  const label =
    depth > 0 && facet === 'modified'
      ? facetValueLabel(facet, value.value).split(' ').slice(0, -1).join(' ')
      : facetValueLabel(facet, value.value);
  const refined = value.state === 'refined';
  const excluded = value.state === 'excluded';
  // Open by default once refined (its months are then what the user looks for).
  const expanded = expandedChoice ?? (refined || refinedBelow);
  return (
    <li className={styles.valueItem}>
      <div className={`${styles.row} ${refined ? styles.refined : ''} ${excluded ? styles.excluded : ''}`}>
        {expandable &&
          (children.length > 0 ? (
            <button
              type="button"
              className={styles.expand}
              aria-expanded={expanded}
              aria-controls={childrenId}
              aria-label={`${expanded ? 'Hide' : 'Show'} the ${childNoun(facet, depth)} of ${label}`}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
            </button>
          ) : (
            <span className={styles.expandSpacer} aria-hidden />
          ))}
        <button
          type="button"
          className={styles.value}
          aria-pressed={refined}
          aria-label={
            excluded
              ? `${label}, excluded`
              : value.count === undefined
                ? label
                : `${label}, ${formatCount(value.count)} ${value.count === 1 ? 'dataset' : 'datasets'}`
          }
          title={
            excluded ? `Stop excluding ${label}` : refined ? `Remove the filter ${label}` : `Only ${label}`
          }
          onClick={() =>
            excluded ? onExclude(facet, value.value) : onRefine(facet, value.value, hierarchical)
          }
        >
          <span className={styles.check} aria-hidden>
            {refined && <Check size={13} strokeWidth={3} />}
          </span>
          <span className={styles.name}>{label}</span>
          {excluded ? (
            <span className={styles.count}>excluded</span>
          ) : (
            value.count !== undefined && <span className={styles.count}>{formatCount(value.count)}</span>
          )}
        </button>
        <button
          type="button"
          className={styles.exclude}
          aria-pressed={excluded}
          aria-label={excluded ? `Stop excluding ${label}` : `Exclude ${label}`}
          title={excluded ? `Stop excluding ${label}` : `Exclude ${label}`}
          onClick={() => onExclude(facet, value.value)}
        >
          <EyeOff aria-hidden size={14} />
        </button>
      </div>
      {children.length > 0 && (
        <ul id={childrenId} className={styles.children} hidden={!expanded}>
          {children.map((child) => (
            <FacetValueRow
              key={child.value}
              facet={facet}
              value={child}
              hierarchical={hierarchical}
              expandable={children.some((child) => child.facets?.length)}
              depth={depth + 1}
              onRefine={onRefine}
              onExclude={onExclude}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function childNoun(facet: string, depth: number): string {
  if (facet === 'modified') return depth === 0 ? 'months' : 'days';
  return 'values';
}
